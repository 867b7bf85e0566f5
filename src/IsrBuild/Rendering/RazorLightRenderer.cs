using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RazorLight;

namespace IsrBuild.Rendering;

/// <summary>
/// Renders RazorLight templates from the template folder under the content root. One engine per process: RazorLight
/// compiles each template once and keeps the compiled assembly for the life of the process.
/// </summary>
internal sealed class RazorLightRenderer : IIsrRenderer
{
    private readonly Lazy<RazorLightEngine> _engine;

    public RazorLightRenderer(IHostEnvironment environment, IOptions<IsrOptions> options)
    {
        var root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.TemplateFolder));
        var applicationName = environment.ApplicationName;
        _engine = new Lazy<RazorLightEngine>(() => new RazorLightEngineBuilder()
            .UseFileSystemProject(root)
            .SetOperatingAssembly(Assembly.Load(new AssemblyName(applicationName)))
            .UseMemoryCachingProvider()
            .Build());
    }

    public Task<string> RenderAsync(string template, object model, CancellationToken cancellationToken) =>
        _engine.Value.CompileRenderAsync(template, model).WaitAsync(cancellationToken);

    public Task WarmUpAsync(string template) => _engine.Value.CompileTemplateAsync(template);
}
