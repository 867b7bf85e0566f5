using System.Collections.Concurrent;
using System.Diagnostics;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Regeneration;

/// <summary>
/// Generates a path in the host and makes the result current: written to the store, then placed in memory.
/// Concurrent calls for one path share one generation, so a stampede of requests costs one static-props call.
/// </summary>
internal sealed class PageRegenerator(
    PageGenerator generator,
    GuardedPageStore store,
    IRegenerationLeases leases,
    PageCommitter committer,
    RegenerationPace pace,
    TimeProvider timeProvider,
    IsrMetrics metrics,
    IOptions<IsrOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Flight> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<GeneratedPage>>> _nextFresh = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.RegenerationTimeoutSeconds);

    // First renders and background regenerations share one limit (Isr:MaxConcurrentRegenerations), so a burst of
    // never-generated paths cannot put more load on the site's data than its stale pages may.
    private readonly SemaphoreSlim _renders = new(IsrOptions.ConcurrencyOf(options.Value.MaxConcurrentRegenerations));
    private long _tickets;

    /// <summary>
    /// Generates <paramref name="path"/>, or joins the generation of it already running, whenever that started:
    /// right for a first request or a stale page, where any recent rendering will do.
    /// </summary>
    /// <exception cref="PageGenerationException">The page's static props or template failed.</exception>
    /// <exception cref="TimeoutException">The generation took longer than <see cref="IsrOptions.RegenerationTimeoutSeconds"/>.</exception>
    /// <param name="page">The page.</param>
    /// <param name="path">The path.</param>
    /// <param name="routeValues">The path's route values.</param>
    /// <param name="reason">Why.</param>
    /// <param name="staleFence">For a stale page: the fence of the copy found stale, so a newer copy written elsewhere meanwhile is not rendered again.</param>
    /// <param name="staleSince">
    /// For a stale page: when the copy found stale was written. A copy written after it, by a regeneration that ended
    /// between the caller's look at the store and this call, is the result: nothing is rendered again.
    /// </param>
    public Task<GeneratedPage> GenerateAsync(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason, long? staleFence = null, DateTimeOffset? staleSince = null) =>
        Begin(page, path, routeValues, reason, staleFence, staleSince).Done;

    /// <summary>
    /// As <see cref="GenerateAsync"/>, with a second task that completes once the page has rendered (its data read,
    /// the limit on renders given back), before its write: a caller with many pages renders the next meanwhile, and
    /// the store commits the writes that queue up together.
    /// </summary>
    public (Task Rendered, Task<GeneratedPage> Done) Begin(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason, long? staleFence = null, DateTimeOffset? staleSince = null)
    {
        var flight = _inFlight.TryGetValue(path, out var running) ? running : Start(page, path, routeValues, reason, staleFence, staleSince);
        return (flight.Rendered.Task, flight.Result.Task);
    }

    /// <summary>
    /// Generates <paramref name="path"/> from data read after this call: it joins only a generation that started
    /// after it arrived, and waits out an older one first. An on-demand revalidation announces a change, and a
    /// rendering already under way may have read the data before it (the trap Next.js 16 falls into).
    /// </summary>
    /// <exception cref="PageGenerationException">The page's static props or template failed.</exception>
    /// <exception cref="TimeoutException">The generation took longer than <see cref="IsrOptions.RegenerationTimeoutSeconds"/>.</exception>
    public Task<GeneratedPage> GenerateFreshAsync(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason)
    {
        var arrival = Interlocked.Increment(ref _tickets);
        if (!_inFlight.TryGetValue(path, out var running))
        {
            // A generation another caller adds from here on reads its data after this call arrived.
            return Start(page, path, routeValues, reason).Result.Task;
        }

        if (running.Ticket > arrival)
        {
            return running.Result.Task;
        }

        // The generation under way may have read the data before the change this call announces: wait it out,
        // then share one generation with every call that arrived in the meantime.
        var next = new Lazy<Task<GeneratedPage>>(() => AfterAsync(running, page, path, routeValues, reason));
        var queued = _nextFresh.GetOrAdd(path, next);
        return queued.Value;
    }

    private async Task<GeneratedPage> AfterAsync(Flight older, PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason)
    {
        await older.Result.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _nextFresh.TryRemove(path, out _);
        return await Start(page, path, routeValues, reason).Result.Task;
    }

    /// <summary>Starts a generation of <paramref name="path"/>, or joins the one another caller started first.</summary>
    private Flight Start(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason, long? staleFence = null, DateTimeOffset? staleSince = null)
    {
        var flight = new Flight(
            Interlocked.Increment(ref _tickets),
            new TaskCompletionSource<GeneratedPage>(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var current = _inFlight.GetOrAdd(path, flight);
        if (ReferenceEquals(current, flight))
        {
            // A render that will be cached for everyone must not see the request that asked for it (cookies,
            // headers through IHttpContextAccessor): the execution context, and the request with it, stays behind.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => RunAsync(page, path, routeValues, reason, staleFence, staleSince, flight), CancellationToken.None);
            }
        }

        return current;
    }

    private async Task RunAsync(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason, long? staleFence, DateTimeOffset? staleSince, Flight flight)
    {
        var started = Stopwatch.GetTimestamp();
        GeneratedPage? served = null;
        Exception? failure = null;
        try
        {
            using var timeout = new CancellationTokenSource(_timeout, timeProvider);

            // A stale page another host is regenerating is left to it; a first render or an on-demand call renders
            // here (on demand once the holder is done, so its render begins after the call).
            await using var lease = await leases.AcquireAsync(path, wait: reason == GenerationReason.OnDemand, staleFence, timeout.Token)
                ?? (reason == GenerationReason.Stale ? throw new RegenerationDeferredException(path) : RegenerationLease.Local);
            var limited = reason is GenerationReason.FirstRequest or GenerationReason.Stale or GenerationReason.Expired;
            if (limited)
            {
                await _renders.WaitAsync(timeout.Token);
            }

            GenerationResult? result = null;
            var began = default(DateTimeOffset);
            var rendering = Stopwatch.GetTimestamp();
            try
            {
                // Single flight joins generations that overlap, not one that ended just before this one began: the store
                // tells whether the copy found stale was replaced since, or whether a page never generated when its
                // request looked has been since (that request missed the store, then the flight, by an instant).
                var current = await store.GetMetadataAsync(path, timeout.Token);
                if (current is not null
                    && ((staleSince is null && reason == GenerationReason.FirstRequest) || (staleSince is { } since && !Staleness.IsStillStale(current, since))))
                {
                    served = new GeneratedPage(current, Body: null);
                }
                else
                {
                    // The page is as new as the data it read: an invalidation made while it rendered still applies to it.
                    // Bytes the same as the stored page's are neither compressed nor written again.
                    began = timeProvider.GetUtcNow();
                    result = await generator.GenerateAsync(page, path, routeValues, reason, timeout.Token, stored: current).WaitAsync(_timeout, timeProvider);
                }
            }
            finally
            {
                // The limit protects the site's data; the write that follows does not touch it.
                if (limited)
                {
                    _renders.Release();
                }

                if (reason == GenerationReason.Stale)
                {
                    pace.Rendered(Stopwatch.GetElapsedTime(rendering));
                }

                flight.Rendered.TrySetResult();
            }

            if (result is not null)
            {
                served = await committer.CommitAsync(page, path, result, began, lease.Fence, reason, started, timeout.Token);
            }
        }
        catch (RegenerationDeferredException exception)
        {
            failure = exception;
        }
        catch (OperationCanceledException)
        {
            metrics.Failed(reason);
            failure = new TimeoutException($"Generating {path} did not finish within {_timeout.TotalSeconds:0} s (Isr:RegenerationTimeoutSeconds).");
        }
        catch (Exception exception)
        {
            metrics.Failed(reason);
            failure = exception;
        }

        // Leave the map before completing, so a caller woken by the result finds no finished flight to wait on.
        _inFlight.TryRemove(new KeyValuePair<string, Flight>(path, flight));
        flight.Rendered.TrySetResult();
        if (failure is null)
        {
            flight.Result.SetResult(served!);
        }
        else
        {
            flight.Result.SetException(failure);
        }
    }

    /// <summary>Whether a generation of the path runs on this host now.</summary>
    public bool IsRunning(string path) => _inFlight.ContainsKey(path);

    /// <summary>
    /// Waits, bounded by <paramref name="cancellationToken"/>, for every generation under way to finish: they write
    /// into the store and the cache folder, and nothing may write there once the host has stopped.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while ((!_inFlight.IsEmpty || !_nextFresh.IsEmpty) && !cancellationToken.IsCancellationRequested)
        {
            Task[] running =
            [
                .. _inFlight.Values.Select(flight => (Task)flight.Result.Task),
                .. _nextFresh.Values.Where(next => next.IsValueCreated).Select(next => (Task)next.Value),
            ];
            if (running.Length == 0)
            {
                // A queued on-demand generation not yet started by its caller: give it the instant it needs.
                await Task.Yield();
                continue;
            }

            try
            {
                await Task.WhenAll(running).WaitAsync(cancellationToken);
            }
            catch (Exception)
            {
                // A failed generation has already been reported to whoever asked for it; past the shutdown timeout
                // the host stops without waiting further.
            }
        }
    }

    public void Dispose() => _renders.Dispose();

    /// <summary>One generation under way: its ticket (later tickets started later), its outcome, and when it has rendered.</summary>
    private sealed record Flight(long Ticket, TaskCompletionSource<GeneratedPage> Result, TaskCompletionSource Rendered);
}
