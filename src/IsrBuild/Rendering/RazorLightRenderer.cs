using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RazorLight;
using RazorLight.Caching;
using RazorLight.Compilation;

namespace IsrBuild.Rendering;

/// <summary>
/// Renders RazorLight templates from the template folder under the content root.
/// <para>
/// Publish compiles each template once and ships the compiled assembly in <c>isr/templates</c> (keyed by a hash of
/// the template's text). A published host copies them into its cache folder for this build and loads them from
/// there, so serving and regenerating pages never loads the Roslyn compiler unless a template file changed. A host
/// without a publish (<c>dotnet run</c>) compiles in memory.
/// </para>
/// <para>
/// In development mode (<see cref="IsrOptions.DevelopmentMode"/>) templates are read as they are edited: a render
/// that finds any template, layout or partial changed since the last one gets a new engine over a new in-memory
/// cache, so RazorLight compiles the edited files again and nothing stale is kept.
/// </para>
/// </summary>
internal sealed class RazorLightRenderer : IIsrRenderer
{
    private readonly string _root;
    private readonly string _applicationName;
    private readonly Lazy<ICachingProvider> _compiledTemplates;
    private readonly bool _followEdits;
    private readonly Lock _gate = new();
    private RazorLightEngine? _engine;
    private int _templatesVersion;

    // Renders wait for a warm-up under way: compiling the template it is compiling, beside it, races on the
    // compiled-template cache folder.
    private Task _warmUp = Task.CompletedTask;

    public RazorLightRenderer(IHostEnvironment environment, IOptions<IsrOptions> options, CompiledTemplateFolders folders)
    {
        _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.TemplateFolder));
        _applicationName = environment.ApplicationName;
        _followEdits = options.Value.IsDevelopmentMode(environment);
        _compiledTemplates = new Lazy<ICachingProvider>(() => CreateCache(folders));
    }

    public string TemplateFolder => _root;

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
                return _engine ??= Build(_compiledTemplates.Value);
            }
        }
    }

    public async Task<string> RenderAsync(string template, object model, CancellationToken cancellationToken)
    {
        await Volatile.Read(ref _warmUp).WaitAsync(cancellationToken);
        var engine = _followEdits ? EngineForTemplatesAsEdited() : Engine;
        try
        {
            return await engine.CompileRenderAsync(template, model).WaitAsync(cancellationToken);
        }
        catch (TemplateCompilationException exception)
        {
            throw new TemplateCompilationFailedException(template, FileOf(template), exception);
        }
        catch (TemplateNotFoundException exception)
        {
            throw new TemplateMissingException(template, _root, exception.Message);
        }
    }

    private string FileOf(string template) => Path.Combine(_root, template.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The engine, replaced by one that compiles afresh when any template file changed since the last render.</summary>
    private RazorLightEngine EngineForTemplatesAsEdited()
    {
        var version = TemplatesVersion();
        lock (_gate)
        {
            if (_engine is null || version != _templatesVersion)
            {
                _engine = Build(new MemoryCachingProvider());
                _templatesVersion = version;
            }

            return _engine;
        }
    }

    /// <summary>What changes when any template is edited, added or removed: each file's name, length and time written.</summary>
    private int TemplatesVersion()
    {
        var version = new HashCode();
        if (Directory.Exists(_root))
        {
            foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*.cshtml", SearchOption.AllDirectories))
            {
                version.Add(file.FullName, StringComparer.Ordinal);
                version.Add(file.Length);
                version.Add(file.LastWriteTimeUtc.Ticks);
            }
        }

        return version.ToHashCode();
    }

    /// <summary>
    /// Loads (or compiles) every template in the folder, layouts and partials too, then swaps in a fresh engine
    /// that shares the loaded templates, so whatever a compilation held becomes garbage.
    /// </summary>
    public async Task<int> WarmUpAsync(Action<string, Exception> onFailure, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _warmUp, done.Task);
        try
        {
            await Task.Yield();
            return await CompileEveryTemplateAsync(onFailure, cancellationToken);
        }
        finally
        {
            done.SetResult();
        }
    }

    private async Task<int> CompileEveryTemplateAsync(Action<string, Exception> onFailure, CancellationToken cancellationToken)
    {
        // A site whose pages are all its own endpoints has no template folder, and RazorLight no project to open.
        if (!Directory.Exists(_root))
        {
            return 0;
        }

        var engine = Engine;
        var ready = 0;
        foreach (var file in Directory.EnumerateFiles(_root, "*.cshtml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            try
            {
                await engine.CompileTemplateAsync(key);
                ready++;
            }
            catch (TemplateCompilationException exception)
            {
                onFailure(key, new TemplateCompilationFailedException(key, file, exception));
            }
            catch (Exception exception)
            {
                onFailure(key, exception);
            }
        }

        Volatile.Write(ref _engine, Build(_compiledTemplates.Value));
        return ready;
    }

    private RazorLightEngine Build(ICachingProvider cache) => new RazorLightEngineBuilder()
        .UseFileSystemProject(_root)
        .SetOperatingAssembly(Assembly.Load(new AssemblyName(_applicationName)))
        .UseCachingProvider(cache)
        .Build();

    private ICachingProvider CreateCache(CompiledTemplateFolders folders)
    {
        if (Environment.GetEnvironmentVariable(CompiledTemplateFolders.PublishOutputVariable) is { Length: > 0 } publishOutput)
        {
            return new FileSystemCachingProvider(_root, publishOutput, FileHashCachingStrategy.Instance);
        }

        if (folders.Cache is not { } compiled)
        {
            // Without a build, compiled templates could outlive the model types they were compiled against.
            return new MemoryCachingProvider();
        }

        Directory.CreateDirectory(compiled);
        if (folders.Shipped is { } shipped && Directory.Exists(shipped))
        {
            foreach (var file in Directory.EnumerateFiles(shipped))
            {
                var target = Path.Combine(compiled, Path.GetFileName(file));
                if (!File.Exists(target))
                {
                    File.Copy(file, target);
                }
            }
        }

        return new FileSystemCachingProvider(_root, compiled, FileHashCachingStrategy.Instance);
    }
}
