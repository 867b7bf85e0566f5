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
    RegenerationPace pace,
    IsrMetrics metrics,
    IOptions<IsrOptions> options,
    ILogger<BackgroundRevalidation> logger) : BackgroundService
{
    /// <summary>Pages of a set rendered and not yet written, at most: what a group commit can gather, in bounded memory.</summary>
    private const int MaxPagesWriting = 256;

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
        var counts = new Counts();

        // Renders go on while the pages before them are written: the store commits the writes that queue up together.
        using var writing = new SemaphoreSlim(MaxPagesWriting);
        try
        {
            await Parallel.ForEachAsync(
                set.Paths,
                new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = stoppingToken },
                async (path, token) =>
                {
                    await writing.WaitAsync(token);
                    Task<GeneratedPage?> written;
                    try
                    {
                        written = await RenderAsync(path, set.InvalidatedAt, token);
                    }
                    catch (Exception exception)
                    {
                        written = Task.FromException<GeneratedPage?>(exception);
                    }

                    _ = CountAsync(path, written, counts, writing);
                });

            // Every page's write is done once every slot is free again.
            for (var slot = 0; slot < MaxPagesWriting; slot++)
            {
                await writing.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _pending, 0);
            return;
        }

        logger.BackgroundRevalidationDone(set.Targets, counts.Regenerated, counts.Unchanged, counts.Skipped, counts.Failed, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task CountAsync(string path, Task<GeneratedPage?> written, Counts counts, SemaphoreSlim writing)
    {
        try
        {
            var outcome = await written;
            Interlocked.Increment(ref outcome is null ? ref counts.Skipped : ref counts.Regenerated);
            if (outcome is { Unchanged: true })
            {
                Interlocked.Increment(ref counts.Unchanged);
            }

            metrics.SetPageDone(outcome switch { null => "skipped", { Unchanged: true } => "unchanged", _ => "regenerated" });
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: the page stays marked stale.
        }
        catch (Exception exception)
        {
            // Still marked stale: its next visitor tries again, with the queue's back-off.
            Interlocked.Increment(ref counts.Failed);
            metrics.SetPageDone("failed");
            logger.BackgroundRevalidationFailed(path, exception);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
            writing.Release();
        }
    }

    /// <summary>
    /// Renders the path unless it is new since the invalidation, and returns once it has: the task of its write, which
    /// answers what it made, or <see langword="null"/> when it did not regenerate it.
    /// </summary>
    private async Task<Task<GeneratedPage?>> RenderAsync(string path, DateTimeOffset invalidatedAt, CancellationToken cancellationToken)
    {
        var current = await store.GetMetadataAsync(path, cancellationToken);
        if ((current is not null && !current.IsOutdatedBy(invalidatedAt)) || !matcher.TryMatch(path, out var page, out var routeValues))
        {
            return Task.FromResult<GeneratedPage?>(null);
        }

        // As a stale page: under the shared lease if there is one, so across hosts each page renders once; at the
        // pace stale pages share.
        await pace.WaitAsync(cancellationToken);
        var (rendered, done) = regenerator.Begin(page, path, routeValues, GenerationReason.Stale, current?.Fence, current?.GeneratedAt);
        await rendered.WaitAsync(cancellationToken);
        return WrittenAsync(done);
    }

    private static async Task<GeneratedPage?> WrittenAsync(Task<GeneratedPage> done)
    {
        try
        {
            return await done;
        }
        catch (RegenerationDeferredException)
        {
            return null;
        }
    }

    /// <summary>A set's outcomes so far, counted from the writes as they finish.</summary>
    private sealed class Counts
    {
        public int Regenerated;
        public int Unchanged;
        public int Skipped;
        public int Failed;
    }

    private sealed record Set(IReadOnlyCollection<string> Paths, DateTimeOffset InvalidatedAt, string Targets);
}
