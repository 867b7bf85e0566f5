using IsrBuild.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Revalidation;

/// <summary>
/// On-demand revalidation. Mode <c>now</c> generates each named path again from fresh data before the call returns,
/// and the pages of its tags and prefixes too while they are few (<see cref="IsrOptions.MaxRevalidateNowPages"/>);
/// more are marked stale and left to <see cref="Regeneration.BackgroundRevalidation"/>. Modes <c>stale</c> and <c>expire</c> record
/// an invalidation time and touch no page, so they cost the same at any number of pages.
/// </summary>
internal sealed class IsrRevalidator(
    RevalidationTargetResolver resolver,
    RevalidateNow now,
    PathRevalidation pathRevalidation,
    InvalidationRecorder recorder,
    CachePurging purging,
    IHostEnvironment environment,
    IOptions<IsrOptions> options,
    TimeProvider timeProvider) : IIsrRevalidator
{
    private readonly bool _developmentMode = options.Value.IsDevelopmentMode(environment);

    public async Task<RevalidationResult> RevalidateAsync(IEnumerable<string> paths, IEnumerable<string> tags, RevalidationMode mode, CancellationToken cancellationToken = default)
    {
        var targets = resolver.Resolve(paths, tags);

        // Milliseconds, as stores keep times: a page written in the same instant, after the call, stays new.
        var current = timeProvider.GetUtcNow();
        var at = current.AddTicks(-(current.Ticks % TimeSpan.TicksPerMillisecond));
        if (_developmentMode)
        {
            return await DevelopmentAsync(targets, mode, cancellationToken);
        }

        return mode == RevalidationMode.Now
            ? await now.RegenerateAsync(targets, at, cancellationToken)
            : await InvalidateAsync(targets, mode, at, cancellationToken);
    }

    /// <summary>Modes <c>stale</c> and <c>expire</c>: an invalidation per target, recorded and announced; no page is read.</summary>
    private async Task<RevalidationResult> InvalidateAsync(RevalidationTargets targets, RevalidationMode mode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var invalidationMode = mode == RevalidationMode.Expire ? InvalidationMode.Expire : InvalidationMode.Stale;
        var pathStatus = mode == RevalidationMode.Expire ? PathRevalidationStatus.Expired : PathRevalidationStatus.MarkedStale;
        var results = new List<PathRevalidationResult>();
        var recorded = new List<Invalidation>();
        foreach (var path in targets.Paths)
        {
            var known = await pathRevalidation.ExistsAsync(path, cancellationToken);
            results.Add(new PathRevalidationResult(path, known ? pathStatus : PathRevalidationStatus.NoMatch));
            if (known)
            {
                recorded.Add(new Invalidation(InvalidationScope.Path, path, at, invalidationMode));
            }
        }

        recorded.AddRange(targets.Tags.Select(tag => new Invalidation(InvalidationScope.Tag, tag, at, invalidationMode)));
        recorded.AddRange(targets.Prefixes.Select(prefix => new Invalidation(InvalidationScope.Prefix, prefix, at, invalidationMode)));
        var (propagated, notRecorded) = await recorder.RecordAsync(recorded, cancellationToken);

        string[] invalidatedPaths = [.. recorded.Where(i => i.Scope == InvalidationScope.Path).Select(i => i.Target)];
        var edgeFailures = await purging.PurgeAsync(new CdnPurge(invalidatedPaths, targets.Tags, targets.Prefixes, mode), cancellationToken);
        return new RevalidationResult(results, targets.Describe((_, blank) => blank))
        {
            Mode = mode,
            Invalidations = recorded,
            Propagated = propagated,
            NotRecorded = notRecorded,
            EdgePurgeFailed = edgeFailures,
        };
    }

    /// <summary>Development mode caches nothing: named paths render to answer as production would; tags and prefixes have nothing to mark.</summary>
    private async Task<RevalidationResult> DevelopmentAsync(RevalidationTargets targets, RevalidationMode mode, CancellationToken cancellationToken)
    {
        var results = new List<PathRevalidationResult>();
        foreach (var path in targets.Paths)
        {
            results.Add(await pathRevalidation.RenderWithoutCachingAsync(path, cancellationToken));
        }

        return new RevalidationResult(results, targets.Describe((_, blank) => blank)) { Mode = mode };
    }
}
