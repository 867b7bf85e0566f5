using System.Globalization;
using IsrBuild.Store;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Serving;

/// <summary>
/// A stored page with the header values every response for it repeats, computed once when it enters memory so
/// the hot path only copies references.
/// </summary>
internal sealed class ServedPage
{
    /// <summary>A year, the <c>s-maxage</c> of a page that is never revalidated on an interval (as Next.js sends it).</summary>
    public const int YearSeconds = 31_536_000;

    public ServedPage(StoredPage stored, DateTimeOffset? expiresAt = null)
    {
        Stored = stored;
        ExpiresAt = expiresAt;
        CacheControl = stored.Revalidate is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"s-maxage={seconds}, stale-while-revalidate={YearSeconds - Math.Min(seconds, YearSeconds - 1)}")
            : "s-maxage=31536000";
        LastModified = HeaderUtilities.FormatDate(stored.GeneratedAt);
        if (stored.Body is { } body)
        {
            HtmlETag = Quote(body.Html.Hash);
            BrotliETag = Quote(body.Brotli.Hash);
            GzipETag = Quote(body.Gzip.Hash);
        }
    }

    public StoredPage Stored { get; }

    /// <summary>When a remembered not-found for a never-generated path is forgotten; <see langword="null"/> for the rest.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public string CacheControl { get; }

    public string LastModified { get; }

    public string? HtmlETag { get; }

    public string? BrotliETag { get; }

    public string? GzipETag { get; }

    /// <summary>Whether the entry is older than its interval, counted from when it was written.</summary>
    public bool IsStale(DateTimeOffset now) =>
        Stored.Revalidate is { } seconds && now - Stored.GeneratedAt >= TimeSpan.FromSeconds(seconds);

    private static string Quote(string hash) => "\"" + hash + "\"";
}
