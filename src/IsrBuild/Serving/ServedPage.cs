using System.Collections.Concurrent;
using System.Globalization;
using IsrBuild.Coordination;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Serving;

/// <summary>
/// A path's state as memory holds it: the stored metadata, the header values every response repeats (computed once,
/// so the hot path only copies references), and the bodies of the representations clients have asked for.
/// </summary>
internal sealed class ServedPage
{
    /// <summary>What memory is charged for an entry beside its bodies: the object, its strings, the map's slot.</summary>
    public const int Overhead = 512;

    private static readonly ConcurrentDictionary<(int?, int), string> CacheControls = new();
    private static Tuple<DateTimeOffset, string> s_lastModified = Tuple.Create(DateTimeOffset.MinValue, string.Empty);

    private readonly byte[]?[] _bodies = new byte[]?[3];
    private long _size = Overhead;
    private InvalidationCheck? _invalidation;

    public ServedPage(StoredPage stored, int expireSeconds, DateTimeOffset? expiresAt = null, string? cdnTagHeader = null)
    {
        if (cdnTagHeader is not null && stored.Tags.Count > 0)
        {
            // Fastly and Varnish read a space-separated list; Cloudflare, Akamai and CloudFront a comma-separated one.
            var separator = cdnTagHeader.Equals("Surrogate-Key", StringComparison.OrdinalIgnoreCase)
                || cdnTagHeader.Equals("xkey", StringComparison.OrdinalIgnoreCase) ? " " : ",";
            CdnTags = string.Join(separator, stored.Tags);
        }

        Stored = stored;
        ExpiresAt = expiresAt;
        CacheControl = CacheControlFor(stored.Revalidate, expireSeconds);
        SharedLifetime = TimeSpan.FromSeconds(stored.Revalidate is { } seconds && seconds < expireSeconds ? seconds : expireSeconds);
        LastModified = LastModifiedOf(stored.GeneratedAt);
        HardExpiry = stored.Revalidate is null ? DateTimeOffset.MaxValue : stored.GeneratedAt.AddSeconds(expireSeconds);
        if (stored.Kind == StoredPageKind.Page)
        {
            HtmlETag = Quote(stored.HtmlHash);
            BrotliETag = Quote(stored.BrotliHash);
            GzipETag = Quote(stored.GzipHash);
        }
    }

    public StoredPage Stored { get; }

    /// <summary>When a remembered not-found for a never-generated path is forgotten; <see langword="null"/> for the rest.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>IsrBuild's <c>Cache-Control</c> for this answer (Next.js 15's), unless the page or the app chose its own.</summary>
    public string CacheControl { get; }

    /// <summary>How long a shared cache may hold the answer as fresh from when it was written: its <c>s-maxage</c>.</summary>
    public TimeSpan SharedLifetime { get; }

    /// <summary>
    /// The seconds a shared cache may still hold the answer as fresh at <paramref name="now"/>: its lifetime less its
    /// age, 0 once stale. nginx reads this (<c>X-Accel-Expires</c>) and ignores <c>Age</c>; RFC 9111 caches read
    /// <c>s-maxage</c> and subtract <c>Age</c>, and come to the same.
    /// </summary>
    public long RemainingSharedSeconds(DateTimeOffset now)
    {
        var remaining = SharedLifetime - (now - Stored.GeneratedAt);
        return remaining <= TimeSpan.Zero ? 0 : (long)remaining.TotalSeconds;
    }

    public string LastModified { get; }

    /// <summary>The page's tags as <see cref="IsrOptions.CdnTagHeader"/> carries them; <see langword="null"/> when off or untagged.</summary>
    public string? CdnTags { get; }

    public string? HtmlETag { get; }

    public string? BrotliETag { get; }

    public string? GzipETag { get; }

    /// <summary>Bytes memory is charged for: the overhead and the bodies held.</summary>
    public long Size => Interlocked.Read(ref _size);

    /// <summary>Set by every hit and cleared by the evictor's sweep: an entry is evicted only after a sweep found it unused.</summary>
    internal int Referenced;

    /// <summary>Whether the cache let go of the entry; bodies added afterwards are not charged.</summary>
    internal bool Evicted;

    public string? ETagOf(PageEncoding encoding) => encoding switch
    {
        PageEncoding.Brotli => BrotliETag,
        PageEncoding.Gzip => GzipETag,
        _ => HtmlETag,
    };

    public byte[]? BodyOf(PageEncoding encoding) => Volatile.Read(ref _bodies[(int)encoding]);

    /// <summary>Holds <paramref name="body"/> for <paramref name="encoding"/>; the bytes newly held, 0 if it already was.</summary>
    internal long Hold(PageEncoding encoding, byte[] body)
    {
        if (Interlocked.CompareExchange(ref _bodies[(int)encoding], body, null) is not null)
        {
            return 0;
        }

        Interlocked.Add(ref _size, body.Length);
        return body.Length;
    }

    /// <summary>Whether the entry is older than its interval, counted from when it was written.</summary>
    public bool IsStale(DateTimeOffset now) => Stored.IsStale(now);

    /// <summary>
    /// When the entry may no longer be served even stale: <see cref="IsrOptions.ExpireSeconds"/> after it was written,
    /// for an entry with an interval. One without is never stale by age (Next.js's <c>revalidate: false</c>), so never.
    /// </summary>
    public DateTimeOffset HardExpiry { get; }

    /// <summary>
    /// The invalidation that puts the entry out of date, or <see langword="null"/>. Asked on every hit, so the answer
    /// is kept until <see cref="Invalidations.Version"/> moves: a hit then costs two reads and a comparison.
    /// </summary>
    public Invalidation? InvalidatedBy(Invalidations invalidations)
    {
        var version = invalidations.Version;
        if (version == 0)
        {
            return null;
        }

        var check = Volatile.Read(ref _invalidation);
        if (check is not null && check.Version == version)
        {
            return check.Found;
        }

        // Read before the look-up: an invalidation taken in meanwhile moves the version again, and is seen next time.
        var found = invalidations.Of(Stored);
        Volatile.Write(ref _invalidation, new InvalidationCheck(version, found));
        return found;
    }

    /// <summary>
    /// Next.js 15's header: <c>s-maxage</c> is the interval and <c>stale-while-revalidate</c> the rest of the expire
    /// time (<see cref="IsrOptions.ExpireSeconds"/>, a year by default); an answer never revalidated on an interval
    /// gets <c>s-maxage</c> of the expire time.
    /// </summary>
    public static string CacheControlFor(int? revalidate, int expireSeconds) =>
        CacheControls.GetOrAdd((revalidate, expireSeconds), static key => key.Item1 is { } seconds && seconds < key.Item2
            ? string.Create(CultureInfo.InvariantCulture, $"s-maxage={seconds}, stale-while-revalidate={key.Item2 - seconds}")
            : string.Create(CultureInfo.InvariantCulture, $"s-maxage={key.Item2}"));

    // Every published page shares one time: format it once, not once per page that enters memory.
    private static string LastModifiedOf(DateTimeOffset generatedAt)
    {
        var last = Volatile.Read(ref s_lastModified);
        if (last.Item1 == generatedAt)
        {
            return last.Item2;
        }

        var formatted = HeaderUtilities.FormatDate(generatedAt);
        Volatile.Write(ref s_lastModified, Tuple.Create(generatedAt, formatted));
        return formatted;
    }

    private static string? Quote(string? hash) => hash is null ? null : "\"" + hash + "\"";

    /// <summary>One answer of <see cref="InvalidatedBy"/>, and the version it holds for: one object, so both are read together.</summary>
    private sealed record InvalidationCheck(int Version, Invalidation? Found);
}
