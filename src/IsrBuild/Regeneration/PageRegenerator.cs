using System.Collections.Concurrent;
using System.Diagnostics;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Serving;
using IsrBuild.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Regeneration;

/// <summary>
/// Generates a path in the host and makes the result current: written to the store, then placed in memory.
/// Concurrent calls for one path share one generation, so a stampede of requests costs one static-props call.
/// </summary>
internal sealed class PageRegenerator(
    PageGenerator generator,
    IIsrPageStore store,
    PageMemoryCache memory,
    PublishedManifest published,
    TimeProvider timeProvider,
    IsrMetrics metrics,
    IOptions<IsrOptions> options,
    ILogger<PageRegenerator> logger)
{
    private readonly ConcurrentDictionary<string, Task<ServedPage>> _inFlight = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.RegenerationTimeoutSeconds);

    /// <summary>
    /// Generates <paramref name="path"/>, or joins the generation of it already running.
    /// </summary>
    /// <exception cref="PageGenerationException">The page's static props or template failed.</exception>
    /// <exception cref="TimeoutException">The generation took longer than <see cref="IsrOptions.RegenerationTimeoutSeconds"/>.</exception>
    public Task<ServedPage> GenerateAsync(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason)
    {
        if (_inFlight.TryGetValue(path, out var running))
        {
            return running;
        }

        var completion = new TaskCompletionSource<ServedPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inFlight.TryAdd(path, completion.Task))
        {
            return _inFlight.TryGetValue(path, out running) ? running : GenerateAsync(page, path, routeValues, reason);
        }

        _ = RunAsync(page, path, routeValues, reason, completion);
        return completion.Task;
    }

    private async Task RunAsync(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason, TaskCompletionSource<ServedPage> completion)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = new CancellationTokenSource(_timeout, timeProvider);
            var result = await generator.GenerateAsync(page, path, routeValues, reason, timeout.Token).WaitAsync(_timeout, timeProvider);
            var served = await MakeCurrentAsync(page, path, result, timeout.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Regenerated(reason, elapsed);
            logger.Regenerated(path, reason, (long)elapsed.TotalMilliseconds);
            completion.SetResult(served);
        }
        catch (OperationCanceledException)
        {
            metrics.Failed(reason);
            completion.SetException(new TimeoutException($"Generating {path} did not finish within {_timeout.TotalSeconds:0} s (Isr:RegenerationTimeoutSeconds)."));
        }
        catch (Exception exception)
        {
            metrics.Failed(reason);
            completion.SetException(exception);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Task<ServedPage>>(path, completion.Task));
        }
    }

    private async Task<ServedPage> MakeCurrentAsync(PageDescriptor page, string path, GenerationResult result, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stored = result switch
        {
            GenerationResult.Rendered rendered => new StoredPage
            {
                Path = path,
                Route = page.Route.Template,
                Kind = StoredPageKind.Page,
                GeneratedAt = now,
                Revalidate = rendered.Revalidate.Seconds,
                Tags = rendered.Tags,
                Body = rendered.Page,
            },
            GenerationResult.Redirect redirect => new StoredPage
            {
                Path = path,
                Route = page.Route.Template,
                Kind = StoredPageKind.Redirect,
                GeneratedAt = now,
                RedirectDestination = redirect.Destination,
                PermanentRedirect = redirect.Permanent,
            },
            _ => new StoredPage { Path = path, Route = page.Route.Template, Kind = StoredPageKind.NotFound, GeneratedAt = now },
        };

        await store.SetAsync(stored, cancellationToken);

        // A not-found for a path publish never wrote lives in memory only, and only briefly.
        var isTransient = stored.Kind == StoredPageKind.NotFound && !published.HasEntry(path);
        if (stored.Kind == StoredPageKind.NotFound && !isTransient)
        {
            logger.PageRemoved(path);
        }

        return memory.Set(stored, isTransient);
    }
}
