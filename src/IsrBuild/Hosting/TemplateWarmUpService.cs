using System.Diagnostics;
using IsrBuild.Diagnostics;
using IsrBuild.Manifest;
using IsrBuild.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Hosting;

/// <summary>
/// Points the renderer at the templates publish compiled, then compiles the rest in the background so the first
/// visitor does not wait for Roslyn. On stop it waits for that compilation: it writes into the cache folder, and
/// nothing may write there once the host has stopped.
/// </summary>
internal sealed class TemplateWarmUpService(
    PublishedBuild build,
    CompiledTemplateFolders compiledTemplates,
    IIsrRenderer renderer,
    IHostEnvironment environment,
    IOptions<IsrOptions> options,
    ILogger<TemplateWarmUpService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (build.IsLoaded)
        {
            compiledTemplates.Use(build.Folder, options.Value.BuildCacheFolder(build.Root, build.BuildId));
        }

        // In development mode templates compile as they are asked for, and again when edited: nothing to warm up.
        if (!options.Value.IsDevelopmentMode(environment))
        {
            // Started here, not on the thread pool, so a request arriving at once already waits for it rather than
            // compiling beside it; it yields before any work.
            _warmUp = WarmUpAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _warmUp.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WarmUpAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        int compiled;
        try
        {
            compiled = await renderer.WarmUpAsync(logger.TemplateWarmUpFailed, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        // The compiler's working set (metadata references, syntax trees) is garbage now; hand it back to the OS once
        // rather than keep it as a high-water mark for the life of the host.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.TemplatesWarmedUp(compiled, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
