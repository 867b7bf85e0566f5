using IsrBuild.Diagnostics;
using IsrBuild.Edge;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Revalidation;

/// <summary>
/// Purges the caches in front of the changes a revalidation made, before it answers: the edge caches
/// (<see cref="IsrOptions.EdgePurge"/>) of the changed paths, then each CDN purger of the paths, tags and prefixes. A
/// CDN purger that fails is logged and never fails the revalidation.
/// </summary>
internal sealed class CachePurging(EdgePurger edge, IEnumerable<IIsrCdnPurger> purgers, ILogger<CachePurging> logger)
{
    /// <summary>Returns the paths an edge cache may still hold (its purge failed or timed out).</summary>
    public async Task<IReadOnlyList<string>> PurgeAsync(CdnPurge purge, CancellationToken cancellationToken)
    {
        var edgeFailures = await edge.PurgeAsync(purge.Paths, cancellationToken);
        if (purge.Paths.Count == 0 && purge.Tags.Count == 0 && purge.Prefixes.Count == 0)
        {
            return edgeFailures;
        }

        foreach (var purger in purgers)
        {
            try
            {
                await purger.PurgeAsync(purge, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.CdnPurgeFailed(purger.GetType().FullName ?? purger.GetType().Name, purge.Paths.Count, purge.Tags.Count + purge.Prefixes.Count, exception);
            }
        }

        return edgeFailures;
    }
}
