using System.Text;
using IsrBuild.Diagnostics;
using IsrBuild.Drafts;
using IsrBuild.Generation;
using IsrBuild.Localization;
using IsrBuild.Regeneration;
using IsrBuild.Rendering;
using IsrBuild.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IsrBuild.Serving;

/// <summary>
/// Answers requests for ISR pages. A page in memory is served at once (HIT, or STALE with one background
/// regeneration queued); otherwise the store is asked; a path never generated follows its route's fallback mode.
/// </summary>
internal sealed class PageRequestHandler(
    PageMemoryCache memory,
    IIsrPageStore store,
    PublishedPages published,
    PageRegenerator regenerator,
    RegenerationQueue queue,
    PathMatcher matcher,
    PageLocales locales,
    PageGenerator generator,
    DraftModeCookie draftMode,
    CrawlerDetector crawlers,
    IIsrRenderer renderer,
    TimeProvider timeProvider,
    IsrMetrics metrics,
    IOptions<IsrOptions> options,
    ILogger<PageRequestHandler> logger)
{
    private readonly string? _cdnTagHeader = options.Value.CdnTagHeader;
    private readonly bool _trailingSlash = options.Value.TrailingSlash;
    private readonly TimeSpan _draftTimeout = TimeSpan.FromSeconds(options.Value.RegenerationTimeoutSeconds);

    /// <param name="context">The request.</param>
    /// <param name="page">The page whose route matched.</param>
    /// <param name="localePrefixed">Whether the route matched behind a locale prefix (<c>/fr/posts/1</c>).</param>
    public Task HandleAsync(HttpContext context, PageDescriptor page, bool localePrefixed = false)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = IsrHeaders.AllowedMethods;
            return Task.CompletedTask;
        }

        var decoded = request.Path.Value ?? "/";
        if (decoded.Length > 1 && decoded.EndsWith('/') != _trailingSlash && !decoded.EndsWith("/index", StringComparison.Ordinal))
        {
            RedirectToCanonical(context);
            return Task.CompletedTask;
        }

        var path = locales.Canonical(RequestKey.Of(request));
        if (!localePrefixed && locales.DetectsRoot && path == "/" && locales.Detect(request.Headers.AcceptLanguage) is { } preferred
            && preferred != locales.Default)
        {
            RedirectToLocale(context, preferred);
            return Task.CompletedTask;
        }

        var encoding = AcceptEncoding.Choose(request.Headers.AcceptEncoding.ToString());
        if (draftMode.TryRead(request, out var draftData))
        {
            return ServeDraftAsync(context, page, path, encoding, draftData);
        }

        if (memory.TryGet(path, out var served))
        {
            if (served.Stored.Kind != StoredPageKind.Page || served.BodyOf(encoding) is not null)
            {
                return ServeAsync(context, page, path, served, encoding, rendered: false);
            }

            return ServeWithBodyAsync(context, page, path, served, encoding);
        }

        return HandleMissAsync(context, page, path, encoding);
    }

    /// <summary>A page in memory without the representation asked for: that one is read from the store and kept.</summary>
    private async Task ServeWithBodyAsync(HttpContext context, PageDescriptor page, string path, ServedPage served, PageEncoding encoding)
    {
        if (await store.GetBodyAsync(served.Stored, encoding, context.RequestAborted) is { } body)
        {
            memory.Hold(served, encoding, body);
            await ServeAsync(context, page, path, served, encoding, rendered: false);
            return;
        }

        // The store moved on from the version memory holds (evicted, or replaced by another writer): start over.
        memory.Remove(path, served);
        await HandleMissAsync(context, page, path, encoding);
    }

    private async Task HandleMissAsync(HttpContext context, PageDescriptor page, string path, PageEncoding encoding)
    {
        if (await store.GetAsync(path, encoding, context.RequestAborted) is var (stored, body))
        {
            ServedPage entry;
            if (memory.Admits(path))
            {
                entry = memory.Set(stored, body: null, isTransient: false);
                if (body is not null)
                {
                    memory.Hold(entry, encoding, body);
                }
            }
            else
            {
                // Served from the store and let go: memory keeps the pages asked for more than once.
                entry = memory.Unheld(stored);
                if (body is not null)
                {
                    entry.Hold(encoding, body);
                }
            }

            await ServeAsync(context, page, path, entry, encoding, rendered: false);
            return;
        }

        var fallback = published.FallbackFor(page.Route.Template);
        if (fallback == FallbackMode.NotFound && !published.WasListed(path))
        {
            WriteUnknownPath(context.Response);
            return;
        }

        if (!matcher.TryMatch(page, path, out var routeValues))
        {
            WriteUnknownPath(context.Response);
            return;
        }

        if (fallback == FallbackMode.Background && !crawlers.IsCrawler(context.Request.Headers.UserAgent))
        {
            _ = regenerator.GenerateAsync(page, path, routeValues, GenerationReason.FirstRequest)
                .ContinueWith(t => logger.BackgroundFirstRenderFailed(path, t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await WriteFallbackAsync(context, page, path, routeValues, locales.Split(path).Locale);
            return;
        }

        ServedPage served;
        try
        {
            var generated = await regenerator.GenerateAsync(page, path, routeValues, GenerationReason.FirstRequest);

            // Memory took the new page from the change announced; it may have let it go again at once.
            served = memory.TryGet(path, out var held) && ReferenceEquals(held.Stored, generated) ? held : memory.Unheld(generated);
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException)
        {
            logger.FirstRenderFailed(path, exception);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.Headers.CacheControl = IsrHeaders.NoStore;
            return;
        }

        if (served.Stored.Kind == StoredPageKind.Page && served.BodyOf(encoding) is null)
        {
            if (await store.GetBodyAsync(served.Stored, encoding, context.RequestAborted) is not { } rendered)
            {
                // Replaced again in the instant since; the next request gets the newer page.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.CacheControl = IsrHeaders.NoStore;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            memory.Hold(served, encoding, rendered);
        }

        await ServeAsync(context, page, path, served, encoding, rendered: true);
    }

    private Task ServeAsync(HttpContext context, PageDescriptor page, string path, ServedPage served, PageEncoding encoding, bool rendered)
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
                queue.Schedule(page, path, stored.GeneratedAt, stored.Revalidate, stored.Fence);
            }
        }
        else
        {
            cacheState = IsrHeaders.Hit;
        }

        metrics.Request(cacheState);
        var response = context.Response;
        var headers = response.Headers;
        headers[IsrHeaders.Cache] = cacheState;

        // A Cache-Control the app's own middleware set is the app's decision; then the page's; then IsrBuild's.
        if (StringValues.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = page.CacheControl ?? served.CacheControl;
        }

        switch (stored.Kind)
        {
            case StoredPageKind.NotFound:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            case StoredPageKind.Redirect:
                var location = LocationOf(context.Request, stored.RedirectDestination!);
                response.StatusCode = stored.RedirectStatus;
                headers.Location = location;
                if (stored.RedirectStatus == StatusCodes.Status308PermanentRedirect)
                {
                    // Clients from before RFC 7538 do not know 308; Next.js sends them this too.
                    headers["Refresh"] = "0;url=" + location;
                }

                return Task.CompletedTask;
            default:
                return WritePageAsync(context, served, encoding, now);
        }
    }

    private Task WritePageAsync(HttpContext context, ServedPage served, PageEncoding encoding, DateTimeOffset now)
    {
        var request = context.Request;
        var response = context.Response;
        var content = served.BodyOf(encoding)!;
        var etag = served.ETagOf(encoding)!;
        var headers = response.Headers;
        headers.ContentType = IsrHeaders.HtmlContentType;
        headers.ETag = etag;
        headers.LastModified = served.LastModified;
        // With locale detection the root's answer depends on Accept-Language too (a redirect, or this page).
        headers.Vary = locales.DetectsRoot && served.Stored.Path == "/" ? IsrHeaders.VaryAcceptEncodingAndLanguage : IsrHeaders.VaryAcceptEncoding;
        headers.Age = IsrHeaders.Age(now - served.Stored.GeneratedAt);
        if (served.CdnTags is { } tags)
        {
            headers[_cdnTagHeader!] = tags;
        }
        switch (encoding)
        {
            case PageEncoding.Brotli:
                headers.ContentEncoding = IsrHeaders.Brotli;
                break;
            case PageEncoding.Gzip:
                headers.ContentEncoding = IsrHeaders.Gzip;
                break;
        }

        if (IsNotModified(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentLength = content.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(content).AsTask();
    }

    /// <summary>
    /// An editor in draft mode (<see cref="DraftModeCookie"/>): the page is generated for this request from its static
    /// props, whatever its fallback, and answered without a cache header that lets anyone keep it. Nothing is read
    /// from or written to memory, the stores or other hosts.
    /// </summary>
    private async Task ServeDraftAsync(HttpContext context, PageDescriptor page, string path, PageEncoding encoding, string? draftData)
    {
        var response = context.Response;
        response.Headers.CacheControl = IsrHeaders.NoStore;
        response.Headers[IsrHeaders.Cache] = IsrHeaders.Draft;
        metrics.Request(IsrHeaders.Draft);
        if (!matcher.TryMatch(page, path, out var routeValues))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        GenerationResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(_draftTimeout);
            result = await generator.GenerateAsync(page, path, routeValues, GenerationReason.Draft, timeout.Token, draftData: draftData);
        }
        catch (Exception exception) when (exception is PageGenerationException || (exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            logger.DraftRenderFailed(path, exception);
            response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        switch (result)
        {
            case GenerationResult.NotFound:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            case GenerationResult.Redirect redirect:
                response.StatusCode = redirect.StatusCode;
                response.Headers.Location = LocationOf(context.Request, redirect.Destination);
                return;
            case GenerationResult.Rendered rendered:
                var representation = rendered.Page[encoding].Content;
                response.ContentType = IsrHeaders.HtmlContentType;
                response.Headers.Vary = IsrHeaders.VaryAcceptEncoding;
                if (encoding != PageEncoding.Identity)
                {
                    response.Headers.ContentEncoding = encoding == PageEncoding.Brotli ? IsrHeaders.Brotli : IsrHeaders.Gzip;
                }

                response.ContentLength = representation.Length;
                if (!HttpMethods.IsHead(context.Request.Method))
                {
                    await response.Body.WriteAsync(representation, context.RequestAborted);
                }

                return;
        }
    }

    /// <summary>
    /// Next.js's locale detection: the unprefixed root, asked for by a browser that prefers another of the site's
    /// locales, gets a 307 to that locale's root. Only the root: every other path ignores <c>Accept-Language</c>.
    /// </summary>
    private void RedirectToLocale(HttpContext context, string locale)
    {
        var request = context.Request;
        var target = request.PathBase.Add(new PathString("/" + locale + (_trailingSlash ? "/" : string.Empty)));
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = target.ToUriComponent() + request.QueryString.ToUriComponent();
        context.Response.Headers.Vary = "Accept-Language";
        context.Response.Headers.CacheControl = IsrHeaders.NoStore;
    }

    /// <summary>
    /// A 308 to the URL with or without its trailing slash (<see cref="IsrOptions.TrailingSlash"/>), built from the
    /// target as the client sent it, so its escapes and query survive.
    /// </summary>
    private void RedirectToCanonical(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw && raw.StartsWith('/')
            ? raw
            : request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        var split = target.IndexOf('?');
        var (path, query) = split < 0 ? (target, string.Empty) : (target[..split], target[split..]);
        var canonical = _trailingSlash ? path + "/" : path.TrimEnd('/');
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = (canonical.Length == 0 ? "/" : canonical) + query;
        context.Response.Headers.CacheControl = IsrHeaders.NoStore;
    }

    private async Task WriteFallbackAsync(HttpContext context, PageDescriptor page, string path, IReadOnlyDictionary<string, string> routeValues, string? locale)
    {
        metrics.Request(IsrHeaders.Miss);
        var html = page.FallbackTemplate is { } template
            ? Encoding.UTF8.GetBytes(await renderer.RenderAsync(template, new FallbackModel(path, routeValues) { Locale = locale }, context.RequestAborted))
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
    /// The 404 of a path no page lists under a <c>false</c> fallback: an empty body, so the site's own status-code
    /// pages (UseStatusCodePages) can render its 404 page, and never cached downstream (as Next.js sends it).
    /// A 404 that static props returned is an answer like a page, with its interval's headers.
    /// </summary>
    private static void WriteUnknownPath(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = IsrHeaders.NoStore;
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

    /// <summary>A redirect's <c>Location</c>: a local destination stays beneath the path base, as Next.js keeps basePath.</summary>
    private static string LocationOf(HttpRequest request, string destination) =>
        destination.StartsWith('/') ? request.PathBase.Add(new PathString(destination)).ToUriComponent() : destination;

    private static bool IsPrefetch(HttpRequest request) =>
        request.Headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || request.Headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase);
}
