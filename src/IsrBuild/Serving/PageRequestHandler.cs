using System.Text;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Regeneration;
using IsrBuild.Rendering;
using IsrBuild.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace IsrBuild.Serving;

/// <summary>
/// Answers requests for ISR pages. A page in memory is served at once (HIT, or STALE with one background
/// regeneration queued); otherwise the store is asked; a path never generated follows its route's fallback mode.
/// </summary>
internal sealed class PageRequestHandler(
    PageMemoryCache memory,
    IIsrPageStore store,
    PublishedManifest published,
    PageRegenerator regenerator,
    RegenerationQueue queue,
    CrawlerDetector crawlers,
    IIsrRenderer renderer,
    TimeProvider timeProvider,
    IsrMetrics metrics,
    ILogger<PageRequestHandler> logger)
{
    public Task HandleAsync(HttpContext context, PageDescriptor page)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = IsrHeaders.AllowedMethods;
            return Task.CompletedTask;
        }

        var path = PagePath.Normalize(request.Path.Value ?? "/");
        return memory.TryGet(path, out var served)
            ? ServeAsync(context, page, path, served, rendered: false)
            : HandleMissAsync(context, page, path);
    }

    private async Task HandleMissAsync(HttpContext context, PageDescriptor page, string path)
    {
        var stored = await store.GetAsync(path, context.RequestAborted);
        if (stored is not null)
        {
            await ServeAsync(context, page, path, memory.Set(stored, isTransient: false), rendered: false);
            return;
        }

        var fallback = published.FallbackFor(page.Route.Template);
        if (published.IsNotFound(path) || fallback == FallbackMode.NotFound)
        {
            WriteNotFound(context.Response, cacheState: null);
            return;
        }

        var routeValues = RouteValuesOf(context);
        if (fallback == FallbackMode.Background && !crawlers.IsCrawler(context.Request.Headers.UserAgent))
        {
            _ = regenerator.GenerateAsync(page, path, routeValues, GenerationReason.FirstRequest)
                .ContinueWith(t => logger.FirstRenderFailed(path, t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await WriteFallbackAsync(context, page, path, routeValues);
            return;
        }

        ServedPage served;
        try
        {
            served = await regenerator.GenerateAsync(page, path, routeValues, GenerationReason.FirstRequest);
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException)
        {
            logger.FirstRenderFailed(path, exception);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.Headers.CacheControl = IsrHeaders.NoStore;
            return;
        }

        await ServeAsync(context, page, path, served, rendered: true);
    }

    private Task ServeAsync(HttpContext context, PageDescriptor page, string path, ServedPage served, bool rendered)
    {
        var stored = served.Stored;
        var now = timeProvider.GetUtcNow();
        string cacheState;
        if (rendered)
        {
            cacheState = IsrHeaders.Miss;
        }
        else if (served.IsStale(now))
        {
            cacheState = IsrHeaders.Stale;

            // A browser's speculative prefetch gets the stale page but starts nothing, as in Next.js.
            if (!IsPrefetch(context.Request))
            {
                queue.Schedule(page, path, RouteValuesOf(context), stored.GeneratedAt, stored.Revalidate);
            }
        }
        else
        {
            cacheState = IsrHeaders.Hit;
        }

        metrics.Request(cacheState);
        var response = context.Response;
        switch (stored.Kind)
        {
            case StoredPageKind.NotFound:
                WriteNotFound(response, cacheState);
                return Task.CompletedTask;
            case StoredPageKind.Redirect:
                response.StatusCode = stored.PermanentRedirect ? StatusCodes.Status308PermanentRedirect : StatusCodes.Status307TemporaryRedirect;
                response.Headers.Location = stored.RedirectDestination!.StartsWith('/')
                    ? context.Request.PathBase.Add(new PathString(stored.RedirectDestination)).ToUriComponent()
                    : stored.RedirectDestination;
                response.Headers.CacheControl = served.CacheControl;
                response.Headers[IsrHeaders.Cache] = cacheState;
                return Task.CompletedTask;
            default:
                return WritePageAsync(context, served, cacheState, now);
        }
    }

    private static Task WritePageAsync(HttpContext context, ServedPage served, string cacheState, DateTimeOffset now)
    {
        var request = context.Request;
        var response = context.Response;
        var body = served.Stored.Body!;
        var (content, etag, encoding) = AcceptEncoding.Choose(request.Headers.AcceptEncoding.ToString()) switch
        {
            PageEncoding.Brotli => (body.Brotli.Content, served.BrotliETag!, "br"),
            PageEncoding.Gzip => (body.Gzip.Content, served.GzipETag!, "gzip"),
            _ => (body.Html.Content, served.HtmlETag!, null),
        };

        var headers = response.Headers;
        headers.ContentType = IsrHeaders.HtmlContentType;
        headers.CacheControl = served.CacheControl;
        headers.ETag = etag;
        headers.LastModified = served.LastModified;
        headers.Vary = IsrHeaders.VaryAcceptEncoding;
        headers.Age = IsrHeaders.Age(now - served.Stored.GeneratedAt);
        headers[IsrHeaders.Cache] = cacheState;
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        if (IsNotModified(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentLength = content.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(content).AsTask();
    }

    private async Task WriteFallbackAsync(HttpContext context, PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues)
    {
        metrics.Request(IsrHeaders.Miss);
        var html = page.FallbackTemplate is { } template
            ? Encoding.UTF8.GetBytes(await renderer.RenderAsync(template, new FallbackModel(path, routeValues), context.RequestAborted))
            : FallbackShell.Html;
        var response = context.Response;
        response.ContentType = IsrHeaders.HtmlContentType;
        response.Headers.CacheControl = IsrHeaders.NoStore;
        response.Headers[IsrHeaders.Cache] = IsrHeaders.Miss;
        response.ContentLength = html.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(html, context.RequestAborted);
        }
    }

    /// <summary>
    /// A 404 with an empty body, so the site's own status-code pages (UseStatusCodePages) can render its 404 page.
    /// Never cached downstream: a deleted page may come back, and Next.js's one-year 404s are a known trap.
    /// </summary>
    private static void WriteNotFound(HttpResponse response, string? cacheState)
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = IsrHeaders.NoStore;
        if (cacheState is not null)
        {
            response.Headers[IsrHeaders.Cache] = cacheState;
        }
    }

    /// <summary>
    /// Whether <c>If-None-Match</c> names the representation about to be sent (weak comparison, <c>*</c> included).
    /// A request that says <c>Cache-Control: no-cache</c> always gets the body, as Next.js does.
    /// </summary>
    private static bool IsNotModified(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        if (request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var value in ifNoneMatch)
        {
            var span = value.AsSpan();
            foreach (var range in span.Split(','))
            {
                var candidate = span[range].Trim();
                if (candidate.StartsWith("W/", StringComparison.Ordinal))
                {
                    candidate = candidate[2..];
                }

                if (candidate.SequenceEqual("*") || candidate.SequenceEqual(etag))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPrefetch(HttpRequest request) =>
        request.Headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || request.Headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> RouteValuesOf(HttpContext context)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                values[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return values;
    }
}
