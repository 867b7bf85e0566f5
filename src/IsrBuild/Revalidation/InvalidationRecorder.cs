using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Revalidation;

/// <summary>
/// Records invalidations: takes them in here at once (they hold on this host whatever happens next), then keeps and
/// announces them through the invalidation log.
/// </summary>
internal sealed class InvalidationRecorder(Invalidations invalidations, IIsrInvalidationLog log, ILogger<InvalidationRecorder> logger)
{
    /// <summary>
    /// Returns whether the invalidations reached every host, and why they could not be kept, if they could not (a full
    /// disk): then they hold on this host only until it restarts.
    /// </summary>
    public async Task<(bool Propagated, string? NotRecorded)> RecordAsync(IReadOnlyList<Invalidation> recorded, CancellationToken cancellationToken)
    {
        if (recorded.Count == 0)
        {
            return (true, null);
        }

        foreach (var invalidation in recorded)
        {
            invalidations.Apply(invalidation);
        }

        var targets = string.Join(", ", recorded.Select(i => i.Display));
        logger.Invalidated(targets, recorded[0].Mode.ToString(), recorded[0].At);
        try
        {
            return (await log.RecordAsync(recorded, cancellationToken), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.InvalidationNotRecorded(targets, exception);
            return (false, exception.Message);
        }
    }
}
