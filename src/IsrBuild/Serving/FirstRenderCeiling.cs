using System.Threading.RateLimiting;
using IsrBuild.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Serving;

/// <summary>
/// How many paths never generated before this host may render per second (<see cref="IsrOptions.MaxFirstRendersPerSecond"/>):
/// a token bucket with no queue, so a flood of new ids (<c>/posts/1000001</c>, <c>/posts/1000002</c>, ...) costs the
/// site's database a bounded number of queries and the store a bounded number of rows, and a request past the
/// ceiling is refused at once rather than left waiting. Known pages never come here.
/// </summary>
internal sealed class FirstRenderCeiling : IDisposable
{
    private readonly TokenBucketRateLimiter? _limiter;
    private readonly IsrMetrics _metrics;
    private readonly ILogger<FirstRenderCeiling> _logger;
    private readonly TimeProvider _timeProvider;
    private long _refusedSinceLog;
    private long _lastLogTimestamp = long.MinValue;

    public FirstRenderCeiling(IOptions<IsrOptions> options, IsrMetrics metrics, TimeProvider timeProvider, ILogger<FirstRenderCeiling> logger)
    {
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        var perSecond = options.Value.MaxFirstRendersPerSecond;
        _limiter = perSecond == 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Whether a first render of <paramref name="path"/> may start now; counts and logs (once per second at most) when not.</summary>
    public bool TryAdmit(string path)
    {
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return true;
        }

        _metrics.FirstRenderRefused();
        Interlocked.Increment(ref _refusedSinceLog);
        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogTimestamp);
        if ((last == long.MinValue || _timeProvider.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(1))
            && Interlocked.CompareExchange(ref _lastLogTimestamp, now, last) == last)
        {
            // One line per burst, not one per refused request: the flood must not fill the log as well.
            _logger.FirstRendersRefused(Interlocked.Exchange(ref _refusedSinceLog, 0), path);
        }

        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}
