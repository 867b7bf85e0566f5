
namespace IsrBuild.Coordination;

/// <summary>
/// One path's current state, without its bodies: a page (with the hash of each representation), a redirect, or
/// not-found. Bodies are read per representation, so memory holds only the ones clients ask for.
/// </summary>
public sealed record StoredPage
{
    /// <summary>
    /// What separates tags where a store keeps them in one string; static props refuse it inside a tag.
    /// </summary>
    public const char TagSeparator = '\n';

    /// <summary>The page's key (<c>/posts/42</c>, <c>/fr/posts/42</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The route template of the page it belongs to (<c>/posts/{id}</c>).</summary>
    public required string Route { get; init; }

    /// <summary>A page, a redirect or not-found.</summary>
    public required StoredPageKind Kind { get; init; }

    /// <summary>When the entry was written; the revalidate interval counts from here, as in Next.js.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Which store the state was read from.</summary>
    public PageSource Source { get; init; }

    /// <summary>Seconds the entry stays fresh, or <see langword="null"/> when only on-demand revalidation replaces it.</summary>
    public int? Revalidate { get; init; }

    /// <summary>The tags static props gave it.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>A redirect's destination, as static props gave it.</summary>
    public string? RedirectDestination { get; init; }

    /// <summary>A redirect's status code (301, 302, 303, 307 or 308); 0 for the other kinds.</summary>
    public int RedirectStatus { get; init; }

    /// <summary>The content hash of the HTML (a page only).</summary>
    public string? HtmlHash { get; init; }

    /// <summary>The content hash of the Brotli variant (a page only).</summary>
    public string? BrotliHash { get; init; }

    /// <summary>The content hash of the gzip variant (a page only).</summary>
    public string? GzipHash { get; init; }

    /// <summary>The fencing token of the lease the state was generated under (0: no shared lease).</summary>
    public long Fence { get; init; }

    /// <summary>Whether the state reached every host (always, for one host).</summary>
    public bool Shared { get; init; } = true;

    /// <summary>The content hash (the strong ETag, unquoted) of <paramref name="encoding"/>'s bytes.</summary>
    /// <param name="encoding">The representation.</param>
    public string? HashOf(PageEncoding encoding) => encoding switch
    {
        PageEncoding.Brotli => BrotliHash,
        PageEncoding.Gzip => GzipHash,
        _ => HtmlHash,
    };

    /// <summary>Whether the state is older than its interval at <paramref name="now"/>, counted from when it was written.</summary>
    /// <param name="now">The time to judge by.</param>
    public bool IsStale(DateTimeOffset now) =>
        Revalidate is { } seconds && now - GeneratedAt >= TimeSpan.FromSeconds(seconds);
}
