using System.Text;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Localization;
using IsrBuild.Regeneration;
using IsrBuild.Rendering;
using IsrBuild.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Serving;

/// <summary>
/// A path never generated, as its route's fallback mode says: <c>false</c> is a 404 unless publish listed it;
/// <c>true</c> serves a fallback rendering at once (never cached) while the page generates in the background, except
/// to crawlers; <c>blocking</c> (and <c>true</c> for crawlers) renders in the request (MISS), concurrent first
/// requests sharing one render. New renders are held to <see cref="IsrOptions.MaxFirstRendersPerSecond"/>.
/// </summary>
internal sealed class FallbackStep(
    PublishedPages published,
    PathMatcher matcher,
    PageRegenerator regenerator,
    MissWriter missWriter,
    CrawlerDetector crawlers,
    IIsrRenderer renderer,
    PageLocales locales,
    PageResponseWriter writer,
    FirstRenderCeiling ceiling,
    NotStoredPaths notStored,
    ILogger<FallbackStep> logger) : IPageRequestStep
{
    public Task InvokeAsync(PageRequest request, PageRequestDelegate next)
    {
        if (!published.AllowsFirstRender(request.Page.Route.Template, request.Key)
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
        if (!regenerator.IsRunning(request.Key) && !ceiling.TryAdmit(request.Key))
        {
            PageResponseWriter.WriteUncachedStatus(request.Context, StatusCodes.Status503ServiceUnavailable);
            request.Context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }

        if (published.FallbackFor(request.Page.Route.Template) == FallbackMode.Background && !crawlers.IsCrawler(request.Context.Request.Headers.UserAgent))
        {
            var key = request.Key;
            _ = regenerator.GenerateAsync(request.Page, key, routeValues, GenerationReason.FirstRequest)
                .ContinueWith(t => logger.BackgroundFirstRenderFailed(key, t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return WriteFallbackAsync(request, routeValues);
        }

        return RenderAsync(request, routeValues);
    }

    private async Task RenderAsync(PageRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        GeneratedPage generated;
        try
        {
            generated = await regenerator.GenerateAsync(request.Page, request.Key, routeValues, GenerationReason.FirstRequest);
        }
        catch (PageGenerationException exception) when (request.Page.Endpoint is not null)
        {
            // Not stored (another status, a cookie, an exception): the app answers as it would without IsrBuild,
            // its own error handling included.
            logger.EndpointPageNotStored(request.Key, exception);
            notStored.Add(request.Key);
            await AppEndpoint.InvokeAsync(request.Context, request.Page, cacheState: null);
            return;
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException)
        {
            logger.FirstRenderFailed(request.Key, exception);
            PageResponseWriter.WriteUncachedStatus(request.Context, StatusCodes.Status500InternalServerError);
            return;
        }

        await missWriter.WriteAsync(request, generated);
    }

    private async Task WriteFallbackAsync(PageRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        var context = request.Context;
        var html = request.Page.FallbackTemplate is { } template
            ? Encoding.UTF8.GetBytes(await renderer.RenderAsync(template, new FallbackModel(request.Key, routeValues) { Locale = locales.Split(request.Key).Locale }, context.RequestAborted))
            : FallbackShell.Html;
        await writer.WriteUncachedAsync(context, IsrHeaders.Miss, html, PageEncoding.Identity);
    }
}
