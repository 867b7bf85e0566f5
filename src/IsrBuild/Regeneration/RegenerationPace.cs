using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Regeneration;

/// <summary>
/// The pace of background regenerations on this host: a revalidation's set and the stale pages visitors found share
/// it. Two rules, both waited for before a regeneration starts:
/// <list type="bullet">
/// <item><see cref="IsrOptions.MaxRegenerationsPerSecond"/>: a token bucket whose waiters queue oldest first, a budget
/// of data-source reads per second (none when unset).</item>
/// <item>Visitors first: while pages are being answered, background regenerations take at most
/// <see cref="BackgroundShare"/> of the host's processors, the rest being the visitors'; with nobody visiting they run
/// at full speed.</item>
/// </list>
/// </summary>
internal sealed class RegenerationPace : IDisposable
{
    /// <summary>
    /// The share of the processors background regenerations may take while visitors are answered. Low, because a
    /// set costs visitors more than its own processor time: the pages it covers answer STALE (each checked against
    /// the invalidation) until they are done, and are read from the store of regenerated pages afterwards.
    /// </summary>
    public const double BackgroundShare = 0.15;

    /// <summary>
    /// The part of a regeneration's processor time its render is (static props, template, compression); the write,
    /// the change events and memory take the rest. Measured on the sample at 20,000 posts: a render of 0.32 ms in a
    /// regeneration of 0.84 ms (bench/RESULTS.md).
    /// </summary>
    private const double RenderShareOfRegeneration = 0.4;

    /// <summary>A wait is taken in steps no longer than this, so visitors who leave release the set soon.</summary>
    private static readonly TimeSpan LongestStep = TimeSpan.FromMilliseconds(50);

    private readonly TokenBucketRateLimiter? _limiter;
    private readonly TimeProvider _clock;
    private readonly long _visitorWindow;
    private readonly double _backgroundSecondsPerSecond = BackgroundShare * Environment.ProcessorCount;
    private readonly Lock _gate = new();
    private long _lastVisitor = long.MinValue / 2;
    private long _paidUntil;

    public RegenerationPace(IOptions<IsrOptions> options)
        : this(options, TimeProvider.System)
    {
    }

    /// <param name="options">The options.</param>
    /// <param name="clock">
    /// Real time in a host, whatever <see cref="TimeProvider"/> the app registered (a test's frozen clock would never
    /// let a wait end); a test of the pace alone moves its own.
    /// </param>
    internal RegenerationPace(IOptions<IsrOptions> options, TimeProvider clock)
    {
        _clock = clock;

        // Visitors answered this recently count as present.
        _visitorWindow = clock.TimestampFrequency / 4;
        if (options.Value.MaxRegenerationsPerSecond is { } perSecond)
        {
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>A visitor was answered a page.</summary>
    public void VisitorServed()
    {
        // Written at most once a millisecond, so answering a page rarely dirties the shared line.
        var now = _clock.GetTimestamp();
        if (now - Volatile.Read(ref _lastVisitor) > _clock.TimestampFrequency / 1000)
        {
            Volatile.Write(ref _lastVisitor, now);
        }
    }

    /// <summary>Waits for the turn of one background regeneration.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_limiter is not null)
        {
            // The queue is unbounded, so a permit is always granted in the end: nothing to check on the lease.
            using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        }

        while (VisitorsFirstWait() is { } wait)
        {
            await Task.Delay(wait < LongestStep ? wait : LongestStep, _clock, cancellationToken);
        }
    }

    /// <summary>A background render took <paramref name="took"/>: while visitors are present, the next waits it off.</summary>
    public void Rendered(TimeSpan took)
    {
        var now = _clock.GetTimestamp();
        if (!VisitorsPresent(now))
        {
            return;
        }

        // A render of 0.4 ms stands for a regeneration of 1 ms, which at 15 % of one processor is paid for by the
        // 5.7 ms after it.
        var cost = (long)(took.TotalSeconds / RenderShareOfRegeneration / _backgroundSecondsPerSecond * _clock.TimestampFrequency);
        var startedAt = now - (long)(took.TotalSeconds * _clock.TimestampFrequency);
        lock (_gate)
        {
            _paidUntil = Math.Max(_paidUntil, startedAt) + cost;
        }
    }

    public void Dispose() => _limiter?.Dispose();

    private TimeSpan? VisitorsFirstWait()
    {
        var now = _clock.GetTimestamp();
        long owed;
        lock (_gate)
        {
            owed = _paidUntil - now;
        }

        return owed > 0 && VisitorsPresent(now) ? _clock.GetElapsedTime(now, now + owed) : null;
    }

    private bool VisitorsPresent(long now) => now - Volatile.Read(ref _lastVisitor) < _visitorWindow;
}
