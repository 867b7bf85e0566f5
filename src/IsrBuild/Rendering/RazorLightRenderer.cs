using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RazorLight;
using RazorLight.Caching;

namespace IsrBuild.Rendering;

/// <summary>
/// Renders RazorLight templates from the template folder under the content root. Compiled templates live for the
/// life of the process in one cache, shared by whichever engine is current (see <see cref="WarmUpAsync"/>).
/// </summary>
internal sealed class RazorLightRenderer : IIsrRenderer
{
    private readonly string _root;
    private readonly string _applicationName;
    private readonly ICachingProvider _compiledTemplates = new MemoryCachingProvider();
    private readonly Lock _gate = new();
    private RazorLightEngine? _engine;

    public RazorLightRenderer(IHostEnvironment environment, IOptions<IsrOptions> options)
    {
        _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.TemplateFolder));
        _applicationName = environment.ApplicationName;
    }

    private RazorLightEngine Engine
    {
        get
        {
            var engine = Volatile.Read(ref _engine);
            if (engine is not null)
            {
                return engine;
            }

            lock (_gate)
            {
                return _engine ??= Build();
            }
        }
    }

    public Task<string> RenderAsync(string template, object model, CancellationToken cancellationToken) =>
        Engine.CompileRenderAsync(template, model).WaitAsync(cancellationToken);

    /// <summary>
    /// Compiles every template in the folder (layouts and partials too), then swaps in a fresh engine that shares
    /// the compiled templates. The old engine's compiler, with its hundreds of metadata references, becomes garbage:
    /// a host that only serves and regenerates pages never needs Roslyn again unless a template file changes.
    /// </summary>
    public async Task<int> WarmUpAsync(Action<string, Exception> onFailure)
    {
        var engine = Engine;
        var compiled = 0;
        if (Directory.Exists(_root))
        {
            foreach (var file in Directory.EnumerateFiles(_root, "*.cshtml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
                try
                {
                    await engine.CompileTemplateAsync(key);
                    compiled++;
                }
                catch (Exception exception)
                {
                    onFailure(key, exception);
                }
            }
        }

        Volatile.Write(ref _engine, Build());
        return compiled;
    }

    private RazorLightEngine Build() => new RazorLightEngineBuilder()
        .UseFileSystemProject(_root)
        .SetOperatingAssembly(Assembly.Load(new AssemblyName(_applicationName)))
        .UseCachingProvider(_compiledTemplates)
        .Build();
}
