using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Regeneration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Revalidation;

/// <summary>
/// One path of a revalidation: whether a page has it, and generating it again from data read after the call arrived,
/// with the outcome mapped to the path's result (regenerated, not found, failed, skipped, or no such page).
/// </summary>
internal sealed class PathRevalidation(
    PathMatcher matcher,
    IIsrPageStore store,
    PublishedFallbacks fallbacks,
    PageRegenerator regenerator,
    PageGenerator generator,
    IOptions<IsrOptions> options,
    ILogger<PathRevalidation> logger)
{
    /// <summary>Whether a page has the path: the store holds it, or its route would render it on a first request.</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) =>
        await FindAsync(path, cancellationToken) is not null;

    public async Task<PathRevalidationResult> RegenerateAsync(string path, CancellationToken cancellationToken)
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
            var made = await regenerator.GenerateFreshAsync(page, path, routeValues, GenerationReason.OnDemand).WaitAsync(cancellationToken);
            return new PathRevalidationResult(
                path,
                made.Stored.Kind == StoredPageKind.NotFound ? PathRevalidationStatus.NotFound : PathRevalidationStatus.Regenerated)
            {
                Propagated = made.Stored.Shared,
                Unchanged = made.Unchanged,
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
    public async Task<PathRevalidationResult> RenderWithoutCachingAsync(string path, CancellationToken cancellationToken)
    {
        if (!matcher.TryMatch(path, out var page, out var routeValues))
        {
            return new PathRevalidationResult(path, PathRevalidationStatus.NoMatch);
        }

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
        return generated || fallbacks.AllowsFirstRender(page.Route.Template, path) ? (page, routeValues, generated) : null;
    }
}
