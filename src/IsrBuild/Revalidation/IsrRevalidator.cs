using System.Collections.Concurrent;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Edge;
using IsrBuild.Generation;
using IsrBuild.Localization;
using IsrBuild.Regeneration;
using IsrBuild.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Revalidation;

/// <summary>
/// On-demand revalidation. Mode <c>now</c> generates each named path again from fresh data before the call returns,
/// and the pages of its tags and prefixes too while they are few (<see cref="IsrOptions.MaxRevalidateNowPages"/>);
/// more are marked stale and left to <see cref="BackgroundRevalidation"/>. Modes <c>stale</c> and <c>expire</c> record
/// an invalidation time and touch no page, so they cost the same at any number of pages.
/// </summary>
internal sealed class IsrRevalidator(
    PathMatcher matcher,
    PageLocales locales,
    IIsrPageStore store,
    PublishedPages published,
    PageRegenerator regenerator,
    PageGenerator generator,
    Invalidations invalidations,
    IIsrInvalidationLog invalidationLog,
    BackgroundRevalidation background,
    EdgePurger edge,
    IHostEnvironment environment,
    IOptions<IsrOptions> options,
    TimeProvider timeProvider,
    IEnumerable<IIsrCdnPurger> purgers,
    ILogger<IsrRevalidator> logger) : IIsrRevalidator
{
    private readonly bool _developmentMode = options.Value.IsDevelopmentMode(environment);
    private readonly int _concurrency = IsrOptions.ConcurrencyOf(options.Value.MaxConcurrentTagRegenerations);

    public async Task<RevalidationResult> RevalidateAsync(IEnumerable<string> paths, IEnumerable<string> tags, RevalidationMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(tags);

        var named = new List<string>();
        var prefixes = new List<string>();
        foreach (var path in paths)
        {
            if (RevalidationInput.IsPrefix(path, out var prefix))
            {
                prefixes.Add(locales.Canonical(prefix));
            }
            else
            {
                // Another spelling of a page's path names that page: path=/POSTS/01 revalidates /posts/1.
                named.Add(matcher.Canonical(locales.Canonical(PagePath.Normalize(path))));
            }
        }

        var targets = new Targets([.. named.Distinct(StringComparer.Ordinal)], [.. tags.Distinct(StringComparer.Ordinal)], [.. prefixes.Distinct(StringComparer.Ordinal)]);

        // Milliseconds, as stores keep times: a page written in the same instant, after the call, stays new.
        var now = timeProvider.GetUtcNow();
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        if (_developmentMode)
        {
            return await DevelopmentAsync(targets, mode, cancellationToken);
        }

        return mode == RevalidationMode.Now
            ? await RegenerateNowAsync(targets, at, cancellationToken)
            : await InvalidateAsync(targets, mode, at, cancellationToken);
    }

    /// <summary>Modes <c>stale</c> and <c>expire</c>: an invalidation per target, recorded and announced; no page is read.</summary>
    private async Task<RevalidationResult> InvalidateAsync(Targets targets, RevalidationMode mode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var invalidationMode = mode == RevalidationMode.Expire ? InvalidationMode.Expire : InvalidationMode.Stale;
        var pathStatus = mode == RevalidationMode.Expire ? PathRevalidationStatus.Expired : PathRevalidationStatus.MarkedStale;
        var results = new List<PathRevalidationResult>();
        var recorded = new List<Invalidation>();
        foreach (var path in targets.Paths)
        {
            var known = await FindAsync(path, cancellationToken) is not null;
            results.Add(new PathRevalidationResult(path, known ? pathStatus : PathRevalidationStatus.NoMatch));
            if (known)
            {
                recorded.Add(new Invalidation(InvalidationScope.Path, path, at, invalidationMode));
            }
        }

        recorded.AddRange(targets.Tags.Select(tag => new Invalidation(InvalidationScope.Tag, tag, at, invalidationMode)));
        recorded.AddRange(targets.Prefixes.Select(prefix => new Invalidation(InvalidationScope.Prefix, prefix, at, invalidationMode)));
        var (propagated, notRecorded) = await RecordAsync(recorded, cancellationToken);

        string[] invalidatedPaths = [.. recorded.Where(i => i.Scope == InvalidationScope.Path).Select(i => i.Target)];
        var edgeFailures = await edge.PurgeAsync(invalidatedPaths, cancellationToken);
        await PurgeCdnAsync(new CdnPurge(invalidatedPaths, targets.Tags, targets.Prefixes, mode), cancellationToken);
        return new RevalidationResult(results, targets.Describe((_, blank) => blank))
        {
            Mode = mode,
            Invalidations = recorded,
            Propagated = propagated,
            NotRecorded = notRecorded,
            EdgePurgeFailed = edgeFailures,
        };
    }

    /// <summary>
    /// Mode <c>now</c>: the named paths regenerate before the answer, as do the pages of the tags and prefixes while
    /// they number at most <see cref="IsrOptions.MaxRevalidateNowPages"/>; past that they are marked stale at once and
    /// regenerate in the background.
    /// </summary>
    private async Task<RevalidationResult> RegenerateNowAsync(Targets targets, DateTimeOffset at, CancellationToken cancellationToken)
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
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (path, token) => outcomes[path] = await RegeneratePathAsync(path, token));

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
            (var shared, notRecorded) = await RecordAsync(recorded, cancellationToken);
            propagated &= shared;
            background.Enqueue(setPaths, at, string.Join(", ", recorded.Select(i => i.Display)));
        }

        string[] changed = [.. outcomes.Values.Where(r => r.Status is PathRevalidationStatus.Regenerated or PathRevalidationStatus.NotFound).Select(r => r.Path)];

        // Before the answer: when the caller hears back, the caches in front serve the new pages too.
        var edgeFailures = await edge.PurgeAsync(changed, cancellationToken);
        await PurgeCdnAsync(new CdnPurge(changed, targets.Tags, targets.Prefixes, inBackground ? RevalidationMode.Stale : RevalidationMode.Now), cancellationToken);

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

    /// <summary>Development mode caches nothing: named paths render to answer as production would; tags and prefixes have nothing to mark.</summary>
    private async Task<RevalidationResult> DevelopmentAsync(Targets targets, RevalidationMode mode, CancellationToken cancellationToken)
    {
        var results = new List<PathRevalidationResult>();
        foreach (var path in targets.Paths)
        {
            results.Add(matcher.TryMatch(path, out var page, out var routeValues)
                ? await RenderWithoutCachingAsync(page, path, routeValues, cancellationToken)
                : new PathRevalidationResult(path, PathRevalidationStatus.NoMatch));
        }

        return new RevalidationResult(results, targets.Describe((_, blank) => blank)) { Mode = mode };
    }

    /// <summary>
    /// Takes the invalidations in here at once (they hold on this host whatever happens next), then keeps and
    /// announces them. Returns whether they reached every host, and why they could not be kept, if they could not (a
    /// full disk): then they hold on this host only until it restarts.
    /// </summary>
    private async Task<(bool Propagated, string? NotRecorded)> RecordAsync(IReadOnlyList<Invalidation> recorded, CancellationToken cancellationToken)
    {
        if (recorded.Count == 0)
        {
            return (true, null);
        }

        foreach (var invalidation in recorded)
        {
            invalidations.Apply(invalidation);
        }

        logger.Invalidated(string.Join(", ", recorded.Select(i => i.Display)), recorded[0].Mode, recorded[0].At);
        try
        {
            return (await invalidationLog.RecordAsync(recorded, cancellationToken), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.InvalidationNotRecorded(string.Join(", ", recorded.Select(i => i.Display)), exception);
            return (false, exception.Message);
        }
    }

    /// <summary>
    /// The path's page and route values, and whether it was generated; <see langword="null"/> when no page has the path
    /// (neither the store holds it nor its route would render it on a first request).
    /// </summary>
    private async Task<(PageDescriptor Page, IReadOnlyDictionary<string, string> RouteValues, bool Generated)?> FindAsync(string path, CancellationToken cancellationToken)
    {
        if (!matcher.TryMatch(path, out var page, out var routeValues))
        {
            return null;
        }

        var generated = await store.GetMetadataAsync(path, cancellationToken) is not null;
        return generated || published.AllowsFirstRender(page.Route.Template, path) ? (page, routeValues, generated) : null;
    }

    private async Task PurgeCdnAsync(CdnPurge purge, CancellationToken cancellationToken)
    {
        if (purge.Paths.Count == 0 && purge.Tags.Count == 0 && purge.Prefixes.Count == 0)
        {
            return;
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
    }

    private async Task<PathRevalidationResult> RegeneratePathAsync(string path, CancellationToken cancellationToken)
    {
        if (await FindAsync(path, cancellationToken) is not var (page, routeValues, generated))
        {
            return new PathRevalidationResult(path, PathRevalidationStatus.NoMatch);
        }

        if (!generated && options.Value.RevalidateOnlyGenerated)
        {
            return new PathRevalidationResult(path, PathRevalidationStatus.Skipped);
        }

        try
        {
            var served = (await regenerator.GenerateFreshAsync(page, path, routeValues, GenerationReason.OnDemand).WaitAsync(cancellationToken)).Stored;
            return new PathRevalidationResult(
                path,
                served.Kind == StoredPageKind.NotFound ? PathRevalidationStatus.NotFound : PathRevalidationStatus.Regenerated)
            {
                Propagated = served.Shared,
            };
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException or PageStoreWriteException)
        {
            logger.OnDemandRegenerationFailed(path, exception);
            return new PathRevalidationResult(path, PathRevalidationStatus.Failed, exception.Message);
        }
    }

    /// <summary>
    /// Development mode caches nothing, so there is nothing to replace: the page is generated from fresh data to
    /// answer as production would (regenerated, not found, or failed), and the result is dropped.
    /// </summary>
    private async Task<PathRevalidationResult> RenderWithoutCachingAsync(PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        try
        {
            var result = await generator.GenerateAsync(page, path, routeValues, GenerationReason.OnDemand, cancellationToken);
            return new PathRevalidationResult(path, result is GenerationResult.NotFound ? PathRevalidationStatus.NotFound : PathRevalidationStatus.Regenerated);
        }
        catch (PageGenerationException exception)
        {
            logger.OnDemandRegenerationFailed(path, exception);
            return new PathRevalidationResult(path, PathRevalidationStatus.Failed, exception.Message);
        }
    }

    /// <summary>What one call names: paths, tags and prefixes, each once.</summary>
    private sealed record Targets(IReadOnlyList<string> Paths, IReadOnlyList<string> Tags, IReadOnlyList<string> Prefixes)
    {
        /// <summary>A result per tag, then per prefix, filled in by <paramref name="fill"/> from its key and a blank result.</summary>
        public IReadOnlyList<TargetRevalidationResult> Describe(Func<(InvalidationScope Scope, string Key), TargetRevalidationResult, TargetRevalidationResult> fill) =>
        [
            .. Tags.Select(tag => fill((InvalidationScope.Tag, tag), new TargetRevalidationResult(InvalidationScope.Tag, tag))),
            .. Prefixes.Select(prefix => fill((InvalidationScope.Prefix, prefix), new TargetRevalidationResult(InvalidationScope.Prefix, Invalidation.PrefixPattern(prefix)))),
        ];
    }
}
