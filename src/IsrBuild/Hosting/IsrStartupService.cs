using System.Diagnostics;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Localization;
using IsrBuild.Manifest;
using IsrBuild.Rendering;
using IsrBuild.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Hosting;

/// <summary>
/// Readies the host before it takes traffic: reads the manifest (a malformed one stops startup), opens the store
/// for this build, takes in the invalidations recorded before, and compiles the templates in the background so the first visitor does not wait for Roslyn.
/// On stop it waits for that compilation: it writes into the cache folder, and nothing may write there once the
/// host has stopped.
/// </summary>
internal sealed class IsrStartupService(
    PublishedPages published,
    PublishedBuild build,
    CompiledTemplateFolders compiledTemplates,
    IHostEnvironment environment,
    IIsrPageStore store,
    Invalidations invalidations,
    IIsrInvalidationLog invalidationLog,
    IIsrRenderer renderer,
    PageLocales locales,
    IOptions<IsrOptions> options,
    ILogger<IsrStartupService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.RevalidateSecret))
        {
            logger.RevalidateRouteOff(options.Value.RevalidatePath);
        }
        else if (options.Value.RevalidateSecret.Length < 32)
        {
            logger.RevalidateSecretShort();
        }

        await published.LoadAsync(cancellationToken);
        if (published.PublishedLocales is { } publishedLocales && publishedLocales != locales.Signature)
        {
            // The keys publish wrote no longer match the URLs this host maps: say so rather than serve 404s silently.
            logger.LocalesDifferFromPublish(Describe(publishedLocales), Describe(locales.Signature));
        }

        if (build.IsLoaded)
        {
            compiledTemplates.Use(build.Folder, options.Value.BuildCacheFolder(build.Root, build.BuildId));
        }

        await store.InitializeAsync(cancellationToken);
        if (options.Value.IsDevelopmentMode(environment))
        {
            // Templates compile as they are asked for, and again when edited: nothing to warm up.
            logger.DevelopmentModeOn(environment.EnvironmentName);
            return;
        }

        // Before the first request: a page invalidated before a restart (or before a rollback) stays out of date.
        foreach (var invalidation in await invalidationLog.ReadAllAsync(cancellationToken))
        {
            invalidations.Restore(invalidation);
        }

        // Started here, not on the thread pool, so a request arriving at once already waits for it rather than
        // compiling beside it; it yields before any work.
        _warmUp = WarmUpTemplatesAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _warmUp.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private static string Describe(string signature) => signature.Length == 0 ? "none" : signature.Replace(";", ", default ", StringComparison.Ordinal);

    private async Task WarmUpTemplatesAsync(CancellationToken stoppingToken)
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
