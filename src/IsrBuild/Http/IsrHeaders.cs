using System.Globalization;

namespace IsrBuild.Http;

/// <summary>Header names and values the serving path sends, allocated once.</summary>
internal static class IsrHeaders
{
    public const string Cache = "X-Isr-Cache";

    /// <summary>nginx's own freshness header: it takes it over <c>Cache-Control</c>, ignores <c>Age</c>, and never passes it on.</summary>
    public const string AccelExpires = "X-Accel-Expires";
    public const string Hit = "HIT";
    public const string Stale = "STALE";
    public const string Miss = "MISS";

    /// <summary>A page rendered for an editor in draft mode, never cached.</summary>
    public const string Draft = "DRAFT";

    /// <summary>A page rendered for one request in development mode, never cached.</summary>
    public const string Development = "DEV";

    /// <summary>The <c>Cache-Control</c> of every answer in development mode (as <c>next dev</c> sends it).</summary>
    public const string DevelopmentNoStore = "no-store, must-revalidate";
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The body of a redirect, which names its target.</summary>
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>The answers of the revalidate, status and draft routes.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>For the JSON answers of the revalidate, status and draft routes.</summary>
    public const string ApiNoStore = "no-store";
    public const string AllowedMethods = "GET, HEAD";
    public const string VaryAcceptEncoding = "Accept-Encoding";
    public const string VaryAcceptEncodingAndLanguage = "Accept-Encoding, Accept-Language";

    /// <summary>The root's locale redirect: chosen by the culture cookie, else by <c>Accept-Language</c>.</summary>
    public const string VaryAcceptLanguageAndCookie = "Accept-Language, Cookie";
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>For responses no cache may keep: fallback renderings, errors, 404s of unknown paths (as Next.js sends it).</summary>
    public const string NoStore = "private, no-cache, no-store, max-age=0, must-revalidate";

    private static readonly string[] SmallNumbers = [.. Enumerable.Range(0, 4096).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The <c>Age</c> value for an entry of <paramref name="age"/>, without allocating for the first hour or so.</summary>
    public static string Age(TimeSpan age) => Seconds(age <= TimeSpan.Zero ? 0 : (long)age.TotalSeconds);

    /// <summary>A header's count of seconds, without allocating below 4,096.</summary>
    public static string Seconds(long seconds) =>
        seconds < SmallNumbers.Length ? SmallNumbers[seconds] : seconds.ToString(CultureInfo.InvariantCulture);
}
