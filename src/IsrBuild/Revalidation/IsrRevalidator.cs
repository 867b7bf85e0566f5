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
/// On-demand revalidation: each path (named, or carrying a named tag) is matched to its page and generated
/// again from fresh data before the call returns, a bounded number at once.
/// </summary>
internal sealed class IsrRevalidator(
    PathMatcher matcher,
    PageLocales locales,
    IIsrPageStore store,
    PublishedPages published,
    PageRegenerator regenerator,
    PageGenerator generator,
    EdgePurger edge,
    IHostEnvironment environment,
    IOptions<IsrOptions> options,
    IEnumerable<IIsrCdnPurger> purgers,
    ILogger<IsrRevalidator> logger) : IIsrRevalidator
{
    private readonly bool _developmentMode = options.Value.IsDevelopmentMode(environment);
    private readonly int _concurrency = IsrOptions.ConcurrencyOf(options.Value.MaxConcurrentTagRegenerations);

    public async Task<RevalidationResult> RevalidateAsync(IEnumerable<string> paths, IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(tags);

        var targets = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var key = locales.Canonical(PagePath.Normalize(path));
            if (seen.Add(key))
            {
                targets.Add(key);
            }
        }

        var tagResults = new List<TagRevalidationResult>();
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            var tagged = await store.GetPathsByTagAsync(tag, cancellationToken);
            tagResults.Add(new TagRevalidationResult(tag, tagged.Count));
            targets.AddRange(tagged.Where(seen.Add));
        }

        var results = new PathRevalidationResult[targets.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await RevalidatePathAsync(targets[index], token));
        string[] changed = [.. results.Where(r => r.Status is PathRevalidationStatus.Regenerated or PathRevalidationStatus.NotFound).Select(r => r.Path)];

        // Before the answer: when the caller hears back, the caches in front serve the new pages too.
        var edgeFailures = await edge.PurgeAsync(changed, cancellationToken);
        await PurgeCdnAsync(changed, tagResults, cancellationToken);
        return new RevalidationResult(results, tagResults) { Propagated = results.All(r => r.Propagated), EdgePurgeFailed = edgeFailures };
    }

    private async Task PurgeCdnAsync(string[] changed, List<TagRevalidationResult> tags, CancellationToken cancellationToken)
    {
        string[] named = [.. tags.Select(t => t.Tag)];
        if (changed.Length == 0 && named.Length == 0)
        {
            return;
        }

        foreach (var purger in purgers)
        {
            try
            {
                await purger.PurgeAsync(changed, named, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.CdnPurgeFailed(purger.GetType().FullName ?? purger.GetType().Name, changed.Length, named.Length, exception);
            }
        }
    }

    private async Task<PathRevalidationResult> RevalidatePathAsync(string path, CancellationToken cancellationToken)
    {
        if (!matcher.TryMatch(path, out var page, out var routeValues))
        {
            return new PathRevalidationResult(path, PathRevalidationStatus.NoMatch);
        }

        if (_developmentMode)
        {
            return await RenderWithoutCachingAsync(page, path, routeValues, cancellationToken);
        }

        var generated = await store.GetMetadataAsync(path, cancellationToken) is not null;
        if (!generated)
        {
            if (!published.AllowsFirstRender(page.Route.Template, path))
            {
                return new PathRevalidationResult(path, PathRevalidationStatus.NoMatch);
            }

            if (options.Value.RevalidateOnlyGenerated)
            {
                return new PathRevalidationResult(path, PathRevalidationStatus.Skipped);
            }
        }

        try
        {
            var served = await regenerator.GenerateFreshAsync(page, path, routeValues, GenerationReason.OnDemand).WaitAsync(cancellationToken);
            return new PathRevalidationResult(
                path,
                served.Kind == StoredPageKind.NotFound ? PathRevalidationStatus.NotFound : PathRevalidationStatus.Regenerated)
            {
                Propagated = served.Shared,
            };
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException)
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
}
