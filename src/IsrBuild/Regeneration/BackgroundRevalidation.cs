using System.Diagnostics;
using System.Threading.Channels;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Regeneration;

/// <summary>
/// Regenerates, in the background, the pages of a revalidation too large to wait for: one set after another, each at
/// <see cref="IsrOptions.MaxConcurrentTagRegenerations"/>, every render sharing the regeneration limit with stale
/// pages, so visitors keep their share of the machine. The pages were marked stale first, so the work is an
/// optimisation: a page a visitor (or another host) regenerated meanwhile is skipped, and a set cut short by a
/// restart still regenerates page by page as each is asked for.
/// </summary>
internal sealed class BackgroundRevalidation(
    PageRegenerator regenerator,
    IIsrPageStore store,
    PathMatcher matcher,
    RegenerationRate rate,
    IsrMetrics metrics,
    IOptions<IsrOptions> options,
    ILogger<BackgroundRevalidation> logger) : BackgroundService
{
    private readonly Channel<Set> _sets = Channel.CreateUnbounded<Set>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _concurrency = IsrOptions.ConcurrencyOf(options.Value.MaxConcurrentTagRegenerations);
    private int _pending;

    /// <summary>Pages queued or under way, across every set.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveSetPagesLeft(() => Pending);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Queues <paramref name="paths"/>, invalidated at <paramref name="invalidatedAt"/>, to regenerate once each.</summary>
    public void Enqueue(IReadOnlyCollection<string> paths, DateTimeOffset invalidatedAt, string targets)
    {
        Interlocked.Add(ref _pending, paths.Count);
        _sets.Writer.TryWrite(new Set(paths, invalidatedAt, targets));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var set in _sets.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(set, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(Set set, CancellationToken stoppingToken)
    {
        logger.BackgroundRevalidationStarted(set.Paths.Count, set.Targets);
        var started = Stopwatch.GetTimestamp();
        int regenerated = 0, unchanged = 0, skipped = 0, failed = 0;
        try
        {
            await Parallel.ForEachAsync(
                set.Paths,
                new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = stoppingToken },
                async (path, token) =>
                {
                    try
                    {
                        var outcome = await RegenerateAsync(path, set.InvalidatedAt, token);
                        Interlocked.Increment(ref outcome is null ? ref skipped : ref regenerated);
                        if (outcome is { Unchanged: true })
                        {
                            Interlocked.Increment(ref unchanged);
                        }

                        metrics.SetPageDone(outcome switch { null => "skipped", { Unchanged: true } => "unchanged", _ => "regenerated" });
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        // Still marked stale: its next visitor tries again, with the queue's back-off.
                        Interlocked.Increment(ref failed);
                        metrics.SetPageDone("failed");
                        logger.BackgroundRevalidationFailed(path, exception);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _pending);
                    }
                });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _pending, 0);
            return;
        }

        logger.BackgroundRevalidationDone(set.Targets, regenerated, unchanged, skipped, failed, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Regenerates the path unless it is new since the invalidation: what it made, or <see langword="null"/> when it did not.</summary>
    private async Task<GeneratedPage?> RegenerateAsync(string path, DateTimeOffset invalidatedAt, CancellationToken cancellationToken)
    {
        var current = await store.GetMetadataAsync(path, cancellationToken);
        if ((current is not null && !current.IsOutdatedBy(invalidatedAt)) || !matcher.TryMatch(path, out var page, out var routeValues))
        {
            return null;
        }

        try
        {
            // As a stale page: under the shared lease if there is one, so across hosts each page renders once; at the
            // pace stale pages share.
            await rate.WaitAsync(cancellationToken);
            return await regenerator.GenerateAsync(page, path, routeValues, GenerationReason.Stale, current?.Fence, current?.GeneratedAt).WaitAsync(cancellationToken);
        }
        catch (RegenerationDeferredException)
        {
            return null;
        }
    }

    private sealed record Set(IReadOnlyCollection<string> Paths, DateTimeOffset InvalidatedAt, string Targets);
}
