using System.Text;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Localization;
using IsrBuild.Regeneration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IsrBuild.Serving;

/// <summary>
/// Writes every answer of the page endpoints: the stored answers (a page with its ETag and 304, its encoding and
/// cache headers; a redirect; a not-found) and the answers no cache may keep (drafts, fallback renderings, errors,
/// canonical and locale redirects). HEAD gets the headers without the body, here and nowhere else.
/// </summary>
internal sealed class PageResponseWriter(PageLocales locales, IsrMetrics metrics, RegenerationPace pace, IOptions<IsrOptions> options)
{
    private readonly string? _cdnTagHeader = options.Value.CdnTagHeader;

    /// <summary>A stored answer, as <paramref name="cacheState"/> (HIT, STALE or MISS).</summary>
    public Task WriteStoredAsync(PageRequest request, ServedPage served, string cacheState, DateTimeOffset now)
    {
        var response = request.Context.Response;
        var headers = response.Headers;
        MarkCache(response, cacheState);

        // A Cache-Control the app's own middleware set is the app's decision; then the page's; then IsrBuild's, with
        // its remaining freshness said to nginx too, so a cache in front never holds a stale answer as fresh.
        if (StringValues.IsNullOrEmpty(headers.CacheControl))
        {
            if (request.Page.CacheControl is { } own)
            {
                headers.CacheControl = own;
            }
            else
            {
                headers.CacheControl = served.CacheControl;
                // A STALE answer is never fresh downstream, though an invalidation may have made it stale early.
                headers[IsrHeaders.AccelExpires] = IsrHeaders.Seconds(cacheState == IsrHeaders.Stale ? 0 : served.RemainingSharedSeconds(now));
            }
        }

        var stored = served.Stored;
        switch (stored.Kind)
        {
            case StoredPageKind.NotFound:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            case StoredPageKind.Redirect:
                return WriteRedirectAsync(request.Context, stored.RedirectStatus, RedirectLocation.Of(request.Context.Request, stored.RedirectDestination!));
        }

        var encoding = request.Encoding;
        var etag = served.ETagOf(encoding)!;
        headers.ContentType = IsrHeaders.HtmlContentType;
        headers.ETag = etag;
        headers.LastModified = served.LastModified;
        // With locale detection the root's answer depends on Accept-Language too (a redirect, or this page).
        headers.Vary = locales.DetectsRoot && stored.Path == "/" ? IsrHeaders.VaryAcceptEncodingAndLanguage : IsrHeaders.VaryAcceptEncoding;
        headers.Age = IsrHeaders.Age(now - stored.GeneratedAt);
        if (served.CdnTags is { } tags)
        {
            headers[_cdnTagHeader!] = tags;
        }

        if (EntityTag.Matches(request.Context.Request, etag))
        {
            SetContentEncoding(headers, encoding);
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        return WriteBodyAsync(request.Context, served.BodyOf(encoding)!, encoding);
    }

    /// <summary>
    /// A generation made for this one request (a draft, development mode), answered as production would answer it (a
    /// page, a not-found, a redirect) and never kept by anyone.
    /// </summary>
    public Task WriteUncachedResultAsync(PageRequest request, GenerationResult result, string cacheState, string cacheControl = IsrHeaders.NoStore)
    {
        var context = request.Context;
        switch (result)
        {
            case GenerationResult.Redirect redirect:
                WriteUncachedStatus(context, redirect.StatusCode, cacheState, cacheControl);
                return WriteRedirectAsync(context, redirect.StatusCode, RedirectLocation.Of(context.Request, redirect.Destination));
            case GenerationResult.Rendered rendered:
                return WriteUncachedAsync(context, cacheState, rendered.Page[request.Encoding].Content, request.Encoding, cacheControl);
            default:
                WriteUncachedStatus(context, StatusCodes.Status404NotFound, cacheState, cacheControl);
                return Task.CompletedTask;
        }
    }

    /// <summary>HTML made for this one request (a draft, a fallback rendering, development mode): sent, and never kept by anyone.</summary>
    public Task WriteUncachedAsync(HttpContext context, string cacheState, ReadOnlyMemory<byte> body, PageEncoding encoding, string cacheControl = IsrHeaders.NoStore)
    {
        var response = context.Response;
        MarkCache(response, cacheState);
        response.Headers.CacheControl = cacheControl;
        response.Headers.ContentType = IsrHeaders.HtmlContentType;
        response.Headers.Vary = IsrHeaders.VaryAcceptEncoding;
        return WriteBodyAsync(context, body, encoding);
    }

    /// <summary>A status without a body that no cache may keep (an error, the 404 of a path no page lists).</summary>
    public static void WriteUncachedStatus(HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = IsrHeaders.NoStore;
    }

    /// <summary>As <see cref="WriteUncachedStatus(HttpContext, int)"/>, for an answer counted as <paramref name="cacheState"/>.</summary>
    public void WriteUncachedStatus(HttpContext context, int statusCode, string cacheState, string cacheControl = IsrHeaders.NoStore)
    {
        MarkCache(context.Response, cacheState);
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = cacheControl;
    }

    /// <summary>
    /// A redirect to <paramref name="location"/>, whose body names the target as Next.js's does; a 308 also carries
    /// <c>Refresh</c>, for clients from before RFC 7538 (Next.js sends it too).
    /// </summary>
    public static Task WriteRedirectAsync(HttpContext context, int statusCode, string location)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers.Location = location;
        if (statusCode == StatusCodes.Status308PermanentRedirect)
        {
            response.Headers["Refresh"] = "0;url=" + location;
        }

        var body = Encoding.UTF8.GetBytes(location);
        response.Headers.ContentType = IsrHeaders.TextContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private void MarkCache(HttpResponse response, string cacheState)
    {
        metrics.Request(cacheState);
        pace.VisitorServed();
        response.Headers[IsrHeaders.Cache] = cacheState;
    }

    private static Task WriteBodyAsync(HttpContext context, ReadOnlyMemory<byte> body, PageEncoding encoding)
    {
        var response = context.Response;
        SetContentEncoding(response.Headers, encoding);
        response.ContentLength = body.Length;

        // No cancellation token: Kestrel abandons the write of an aborted request by itself, and asking for
        // RequestAborted would allocate its feature on every HIT.
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    private static void SetContentEncoding(IHeaderDictionary headers, PageEncoding encoding)
    {
        switch (encoding)
        {
            case PageEncoding.Brotli:
                headers.ContentEncoding = IsrHeaders.Brotli;
                break;
            case PageEncoding.Gzip:
                headers.ContentEncoding = IsrHeaders.Gzip;
                break;
        }
    }
}
