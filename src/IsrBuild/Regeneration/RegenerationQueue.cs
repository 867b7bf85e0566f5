using System.Collections.Concurrent;
using System.Threading.Channels;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Regeneration;

/// <summary>
/// Background regenerations of stale pages: a bounded queue worked by a fixed number of workers. A path is queued
/// at most once however many requests find it stale, and a path whose regeneration failed is not retried before
/// its back-off has passed.
/// </summary>
internal sealed class RegenerationQueue : BackgroundService
{
    private readonly PageRegenerator _regenerator;
    private readonly IIsrPageStore _store;
    private readonly PathMatcher _matcher;
    private readonly IRegenerationLeases _leases;
    private readonly RegenerationPace _pace;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RegenerationQueue> _logger;
    private readonly Channel<Work> _channel;
    private readonly int _capacity;
    private readonly int _workers;
    private readonly LogBurst _full = new();
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _retryNotBefore = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string Message)> _lastFailures = new(StringComparer.Ordinal);

    public RegenerationQueue(PageRegenerator regenerator, IIsrPageStore store, PathMatcher matcher, IRegenerationLeases leases, RegenerationPace pace, TimeProvider timeProvider, IOptions<IsrOptions> options, ILogger<RegenerationQueue> logger)
    {
        _leases = leases;
        _pace = pace;
        _regenerator = regenerator;
        _store = store;
        _matcher = matcher;
        _timeProvider = timeProvider;
        _logger = logger;
        _capacity = options.Value.RegenerationQueueCapacity;
        _workers = IsrOptions.ConcurrencyOf(options.Value.MaxConcurrentRegenerations);
        _channel = Channel.CreateBounded<Work>(new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>
    /// Queues a regeneration of <paramref name="path"/>, whose entry written at <paramref name="staleSince"/> was
    /// found stale, unless one is queued, running, or backing off.
    /// </summary>
    public void Schedule(PageDescriptor page, string path, DateTimeOffset staleSince, int? revalidateSeconds, long staleFence)
    {
        if (_retryNotBefore.TryGetValue(path, out var notBefore) && _timeProvider.GetUtcNow() < notBefore)
        {
            return;
        }

        if (!_queued.TryAdd(path, 0))
        {
            return;
        }

        if (!_channel.Writer.TryWrite(new Work(page, path, staleSince, revalidateSeconds, staleFence)))
        {
            _queued.TryRemove(path, out _);
            if (_full.Begins(out var unlogged))
            {
                _logger.RegenerationQueueFull(path, _capacity, unlogged);
            }
        }
    }

    /// <summary>Whether the path waits in the queue, when it may be tried again, and its last failure (until a success).</summary>
    public (bool Queued, DateTimeOffset? RetryAt, (DateTimeOffset At, string Message)? LastFailure) StatusOf(string path) =>
        (_queued.ContainsKey(path),
         _retryNotBefore.TryGetValue(path, out var retry) && retry > _timeProvider.GetUtcNow() ? retry : null,
         _lastFailures.TryGetValue(path, out var failure) ? failure : null);

    /// <summary>Stops the workers, then waits for every generation still running on this host (first renders too).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _regenerator.DrainAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    // A request that read the stale entry just before a regeneration replaced it must not start another.
                    if (!Staleness.IsStillStale(await _store.GetMetadataAsync(work.Path, stoppingToken), work.StaleSince))
                    {
                        continue;
                    }

                    if (!_matcher.TryMatch(work.Page, work.Path, out var routeValues)
                        || await _leases.IsBackingOffAsync(work.Path, stoppingToken))
                    {
                        continue;
                    }

                    await _pace.WaitAsync(stoppingToken);
                    await _regenerator.GenerateAsync(work.Page, work.Path, routeValues, GenerationReason.Stale, work.StaleFence, work.StaleSince);
                    _retryNotBefore.TryRemove(work.Path, out _);
                    _lastFailures.TryRemove(work.Path, out _);
                }
                catch (RegenerationDeferredException)
                {
                    // Another host holds the lease; its page reaches this host when written.
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Next.js 15's back-off: the page's own interval, clamped to 3–30 s; shared with every host.
                    var backoff = Math.Clamp(work.RevalidateSeconds ?? 30, 3, 30);
                    _retryNotBefore[work.Path] = _timeProvider.GetUtcNow().AddSeconds(backoff);
                    _lastFailures[work.Path] = (_timeProvider.GetUtcNow(), exception.GetBaseException().Message);
                    _logger.RegenerationFailed(work.Path, backoff, exception);
                    await _leases.BackOffAsync(work.Path, TimeSpan.FromSeconds(backoff), stoppingToken);
                }
                finally
                {
                    _queued.TryRemove(work.Path, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record Work(PageDescriptor Page, string Path, DateTimeOffset StaleSince, int? RevalidateSeconds, long StaleFence);
}
