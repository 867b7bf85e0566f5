using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Regeneration;

/// <summary>
/// The pace of stale pages' regenerations on this host (<see cref="IsrOptions.MaxRegenerationsPerSecond"/>): a token
/// bucket whose waiters queue oldest first, so a revalidation of every page and the pages visitors find stale share
/// one budget of data-source reads per second. With no cap set it never waits.
/// </summary>
internal sealed class RegenerationRate : IDisposable
{
    private readonly TokenBucketRateLimiter? _limiter;

    public RegenerationRate(IOptions<IsrOptions> options)
    {
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

    /// <summary>Waits for the turn of one regeneration.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_limiter is null)
        {
            return;
        }

        // The queue is unbounded, so a permit is always granted in the end: nothing to check on the lease.
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
    }

    public void Dispose() => _limiter?.Dispose();
}
