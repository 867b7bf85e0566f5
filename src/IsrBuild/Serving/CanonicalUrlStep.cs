using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace IsrBuild.Serving;

/// <summary>
/// Sends a request to its page's one URL before anything is looked up: the form with or without the trailing slash
/// (<see cref="IsrOptions.TrailingSlash"/>, the root beneath a base path included), and, on the unprefixed root, the
/// locale the visitor prefers (Next.js's locale detection); and the one spelling of the page's path
/// (<see cref="PathMatcher.Canonical(PageDescriptor, string)"/>), so <c>/POSTS/01</c> is never rendered or stored as a
/// page of its own.
/// </summary>
internal sealed class CanonicalUrlStep(PageLocales locales, PathMatcher matcher, IOptions<IsrOptions> options) : IPageRequestStep
{
    private readonly bool _trailingSlash = options.Value.TrailingSlash;

    public Task InvokeAsync(PageRequest request, PageRequestDelegate next)
    {
        var context = request.Context;
        if (CanonicalTarget(context.Request) is { } target)
        {
            context.Response.Headers.CacheControl = IsrHeaders.NoStore;
            return PageResponseWriter.WriteRedirectAsync(context, StatusCodes.Status308PermanentRedirect, target);
        }

        var canonical = matcher.Canonical(request.Page, request.Key);
        if (!string.Equals(canonical, request.Key, StringComparison.Ordinal))
        {
            context.Response.Headers.CacheControl = IsrHeaders.NoStore;
            return PageResponseWriter.WriteRedirectAsync(context, StatusCodes.Status308PermanentRedirect, UrlOf(context.Request, canonical));
        }

        if (!request.LocalePrefixed && locales.DetectsRoot && request.Key == "/" && Preferred(context.Request) is { } preferred
            && preferred != locales.Default)
        {
            return RedirectToLocaleAsync(context, preferred);
        }

        return next(request);
    }

    /// <summary>
    /// Whether a path ends with a slash in its canonical form: with <see cref="IsrOptions.TrailingSlash"/>, every path
    /// but one whose last segment looks like a file (<c>hello.world</c>, outside <c>/.well-known</c>), as Next.js
    /// leaves those alone. The root is always canonical; beneath a base path it is the base with or without the slash.
    /// </summary>
    private static bool WantsSlash(string path, bool trailingSlash)
    {
        if (!trailingSlash)
        {
            return false;
        }

        var trimmed = path.AsSpan().TrimEnd('/');
        var last = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        var dot = last.LastIndexOf('.');
        var looksLikeFile = dot > 0 && dot < last.Length - 1 && !last[(dot + 1)..].ContainsAnyExcept(WordCharacters)
            && !trimmed.Contains("/.well-known", StringComparison.Ordinal);
        return !looksLikeFile;
    }

    private static readonly System.Buffers.SearchValues<char> WordCharacters =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");

    /// <summary>The URL to send the request to (308), built from the target as the client sent it so its escapes and query survive; <see langword="null"/> when it is canonical.</summary>
    private string? CanonicalTarget(HttpRequest request)
    {
        var path = request.Path.Value;
        var full = string.IsNullOrEmpty(request.PathBase.Value) ? path : request.PathBase.Value + path;
        if (string.IsNullOrEmpty(full) || full == "/" || full.EndsWith("/index", StringComparison.Ordinal))
        {
            return null;
        }

        var wantsSlash = WantsSlash(full, _trailingSlash);
        if (full.EndsWith('/') == wantsSlash)
        {
            return null;
        }

        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw && raw.StartsWith('/')
            ? raw
            : request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        var split = target.IndexOf('?');
        var (rawPath, query) = split < 0 ? (target, string.Empty) : (target[..split], target[split..]);
        var trimmed = rawPath.TrimEnd('/');
        var canonical = wantsSlash ? trimmed + "/" : trimmed;
        return (canonical.Length == 0 ? "/" : canonical) + query;
    }

    /// <summary>The URL of <paramref name="key"/> beneath the path base, in the site's trailing-slash form, with the request's query.</summary>
    private string UrlOf(HttpRequest request, string key)
    {
        var path = string.Join('/', key.Split('/').Select(segment => Uri.EscapeDataString(PagePath.UnescapeValue(segment))));
        if (key != "/" && WantsSlash(key, _trailingSlash))
        {
            path += "/";
        }

        return request.PathBase.ToUriComponent() + path + request.QueryString.ToUriComponent();
    }

    /// <summary>
    /// The site locale the visitor prefers: the culture cookie (<c>.AspNetCore.Culture</c>, the ASP.NET Core
    /// convention, as Next.js honours <c>NEXT_LOCALE</c>) when it names one, else <c>Accept-Language</c>.
    /// </summary>
    private string? Preferred(HttpRequest request)
    {
        if (request.Cookies[CookieRequestCultureProvider.DefaultCookieName] is { Length: > 0 } cookie
            && CookieRequestCultureProvider.ParseCookieValue(cookie) is { } chosen)
        {
            foreach (var culture in chosen.UICultures.Concat(chosen.Cultures))
            {
                if (locales.Match(culture.Value) is { } locale)
                {
                    return locale;
                }
            }
        }

        return locales.Detect(request.Headers.AcceptLanguage);
    }

    /// <summary>A 307 to the locale's root; only the root, every other path ignores the visitor's preference.</summary>
    private Task RedirectToLocaleAsync(HttpContext context, string locale)
    {
        var request = context.Request;
        var target = request.PathBase.Add(new PathString("/" + locale + (_trailingSlash ? "/" : string.Empty)));
        context.Response.Headers.Vary = IsrHeaders.VaryAcceptLanguageAndCookie;
        context.Response.Headers.CacheControl = IsrHeaders.NoStore;
        return PageResponseWriter.WriteRedirectAsync(context, StatusCodes.Status307TemporaryRedirect, target.ToUriComponent() + request.QueryString.ToUriComponent());
    }
}
