using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Regeneration;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Serving;

/// <summary>Answers for a stored page that may no longer be served stale: past its expire time, or expired by a revalidation.</summary>
internal sealed class ExpiredPageRenderer(
    PageRegenerator regenerator,
    PathMatcher matcher,
    MissWriter missWriter,
    PageResponseWriter writer,
    TimeProvider timeProvider,
    ILogger<ExpiredPageRenderer> logger)
{
    /// <summary>
    /// A page that may not be served stale renders in the request (MISS), concurrent requests sharing one render; one
    /// that started before the invalidation read old data, so then a fresh one follows. If rendering fails, the
    /// last good page is served stale rather than an error.
    /// </summary>
    public async Task RenderAsync(PageRequest request, ServedPage served, Invalidation? invalidation)
    {
        if (!matcher.TryMatch(request.Page, request.Key, out var routeValues))
        {
            await writer.WriteStoredAsync(request, served, IsrHeaders.Stale, timeProvider.GetUtcNow());
            return;
        }

        GeneratedPage generated;
        try
        {
            generated = await regenerator.GenerateAsync(request.Page, request.Key, routeValues, GenerationReason.Expired);
            if (invalidation is not null && generated.Stored.IsOutdatedBy(invalidation.At))
            {
                generated = await regenerator.GenerateFreshAsync(request.Page, request.Key, routeValues, GenerationReason.Expired);
            }
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException or PageStoreWriteException)
        {
            logger.ExpiredRenderFailed(request.Key, exception);
            await writer.WriteStoredAsync(request, served, IsrHeaders.Stale, timeProvider.GetUtcNow());
            return;
        }

        await missWriter.WriteAsync(request, generated);
    }
}
