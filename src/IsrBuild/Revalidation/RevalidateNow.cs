using System.Collections.Concurrent;
using IsrBuild.Coordination;
using IsrBuild.Regeneration;
using Microsoft.Extensions.Options;

namespace IsrBuild.Revalidation;

/// <summary>
/// Mode <c>now</c>: the named paths, and the pages of the tags and prefixes while they are few, generated again before
/// the answer; a larger set marked stale at once and left to <see cref="BackgroundRevalidation"/>.
/// </summary>
internal sealed class RevalidateNow(
    PathRevalidation paths,
    IIsrPageStore store,
    BackgroundRevalidation background,
    InvalidationRecorder recorder,
    CachePurging purging,
    IOptions<IsrOptions> options)
{
    /// <summary>
    /// Mode <c>now</c>: the named paths regenerate before the answer, as do the pages of the tags and prefixes while
    /// they number at most <see cref="IsrOptions.MaxRevalidateNowPages"/>; past that they are marked stale at once and
    /// regenerate in the background.
    /// </summary>
    public async Task<RevalidationResult> RegenerateAsync(RevalidationTargets targets, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var matched = new Dictionary<(InvalidationScope, string), IReadOnlyCollection<string>>();
        foreach (var tag in targets.Tags)
        {
            matched[(InvalidationScope.Tag, tag)] = await store.GetPathsByTagAsync(tag, cancellationToken);
        }

        foreach (var prefix in targets.Prefixes)
        {
            matched[(InvalidationScope.Prefix, prefix)] = await store.GetPathsByPrefixAsync(prefix, cancellationToken);
        }

        var named = new HashSet<string>(targets.Paths, StringComparer.Ordinal);
        var setPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pages in matched.Values)
        {
            setPaths.UnionWith(pages);
        }

        setPaths.ExceptWith(named);
        var inBackground = setPaths.Count > options.Value.MaxRevalidateNowPages;
        string[] toRegenerate = [.. targets.Paths, .. inBackground ? [] : setPaths];
        var outcomes = new ConcurrentDictionary<string, PathRevalidationResult>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            toRegenerate,
            new ParallelOptions { MaxDegreeOfParallelism = IsrOptions.ConcurrencyOf(options.Value.MaxConcurrentTagRegenerations), CancellationToken = cancellationToken },
            async (path, token) => outcomes[path] = await paths.RegenerateAsync(path, token));

        IReadOnlyList<Invalidation> recorded = [];
        string? notRecorded = null;
        var propagated = outcomes.Values.All(r => r.Propagated);
        if (inBackground)
        {
            // Stale from now on everywhere, at the cost of one write; the pages then regenerate one by one.
            recorded =
            [
                .. targets.Tags.Select(tag => new Invalidation(InvalidationScope.Tag, tag, at, InvalidationMode.Stale)),
                .. targets.Prefixes.Select(prefix => new Invalidation(InvalidationScope.Prefix, prefix, at, InvalidationMode.Stale)),
            ];
            (var shared, notRecorded) = await recorder.RecordAsync(recorded, cancellationToken);
            propagated &= shared;
            background.Enqueue(setPaths, at, string.Join(", ", recorded.Select(i => i.Display)));
        }

        string[] changed = [.. outcomes.Values.Where(r => r.Status is PathRevalidationStatus.Regenerated or PathRevalidationStatus.NotFound && !r.Unchanged).Select(r => r.Path)];

        // Before the answer: when the caller hears back, the caches in front serve the new pages too. An unchanged
        // page is not purged: they hold its bytes already.
        bool AllUnchanged(InvalidationScope scope, string target) =>
            !inBackground && matched[(scope, target)] is { Count: > 0 } pages && pages.All(p => outcomes.TryGetValue(p, out var r) && r.Unchanged);
        var edgeFailures = await purging.PurgeAsync(
            new CdnPurge(
                changed,
                [.. targets.Tags.Where(tag => !AllUnchanged(InvalidationScope.Tag, tag))],
                [.. targets.Prefixes.Where(prefix => !AllUnchanged(InvalidationScope.Prefix, prefix))],
                inBackground ? RevalidationMode.Stale : RevalidationMode.Now),
            cancellationToken);

        // A result per named path, and per failed page of a set (there are few: a set that large went to the background).
        List<PathRevalidationResult> results =
        [
            .. targets.Paths.Select(path => outcomes[path]),
            .. outcomes.Values.Where(r => r.Status == PathRevalidationStatus.Failed && !named.Contains(r.Path)).OrderBy(r => r.Path, StringComparer.Ordinal),
        ];
        var counted = targets.Describe((target, blank) =>
        {
            var pages = matched[target];
            return inBackground
                ? blank with { Pages = pages.Count, Queued = pages.Count(p => !named.Contains(p)) }
                : blank with
                {
                    Pages = pages.Count,
                    Regenerated = pages.Count(p => outcomes.TryGetValue(p, out var r) && r.Status is PathRevalidationStatus.Regenerated or PathRevalidationStatus.NotFound),
                    Unchanged = pages.Count(p => outcomes.TryGetValue(p, out var r) && r.Unchanged),
                    Failed = pages.Count(p => outcomes.TryGetValue(p, out var r) && r.Status == PathRevalidationStatus.Failed),
                };
        });
        return new RevalidationResult(results, counted)
        {
            Mode = RevalidationMode.Now,
            Queued = inBackground ? setPaths.Count : 0,
            Invalidations = recorded,
            Propagated = propagated,
            NotRecorded = notRecorded,
            EdgePurgeFailed = edgeFailures,
        };
    }
}
