using IsrBuild.Generation;
using IsrBuild.Manifest;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>
/// A path never generated, as its route's fallback mode says: <c>false</c> is a 404 unless publish listed it;
/// <c>true</c> serves a fallback rendering at once (never cached) while the page generates in the background, except
/// to crawlers; <c>blocking</c> (and <c>true</c> for crawlers) renders in the request (MISS), concurrent first
/// requests sharing one render. New renders are held to <see cref="IsrOptions.MaxFirstRendersPerSecond"/>.
/// </summary>
internal sealed class FallbackStep(
    PublishedFallbacks fallbacks,
    PathMatcher matcher,
    FirstRender firstRender,
    FallbackPageWriter fallbackWriter,
    CrawlerDetector crawlers,
    FirstRenderCeiling ceiling,
    NotStoredPaths notStored) : IPageRequestStep
{
    public Task InvokeAsync(PageRequest request, PageRequestDelegate next)
    {
        if (!fallbacks.AllowsFirstRender(request.Page.Route.Template, request.Key)
            || !matcher.TryMatch(request.Page, request.Key, out var routeValues))
        {
            // An empty body, so the site's own status-code pages (UseStatusCodePages) can render its 404 page, and
            // never cached downstream (as Next.js sends it). A 404 static props returned is a stored answer instead.
            PageResponseWriter.WriteUncachedStatus(request.Context, StatusCodes.Status404NotFound);
            return Task.CompletedTask;
        }

        if (request.Page.Endpoint is not null && notStored.Contains(request.Key))
        {
            return AppEndpoint.InvokeAsync(request.Context, request.Page, cacheState: null);
        }

        // A request that joins a first render under way costs nothing more; only new renders count against the ceiling.
        if (!firstRender.IsRunning(request.Key) && !ceiling.TryAdmit(request.Key))
        {
            PageResponseWriter.WriteUncachedStatus(request.Context, StatusCodes.Status503ServiceUnavailable);
            request.Context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }

        if (fallbacks.For(request.Page.Route.Template) == FallbackMode.Background && !crawlers.IsCrawler(request.Context.Request.Headers.UserAgent))
        {
            firstRender.StartInBackground(request, routeValues);
            return fallbackWriter.WriteAsync(request, routeValues);
        }

        return firstRender.AnswerAsync(request, routeValues);
    }
}
