using IsrBuild.Generation;

namespace IsrBuild.Store;

/// <summary>One path's current state: a page with its HTML, a redirect, or not-found.</summary>
internal sealed class StoredPage
{
    public required string Path { get; init; }

    public required string Route { get; init; }

    public required StoredPageKind Kind { get; init; }

    /// <summary>When the entry was written; the revalidate interval counts from here, as in Next.js.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public int? Revalidate { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The HTML and its variants; set for <see cref="StoredPageKind.Page"/> only.</summary>
    public EncodedPage? Body { get; init; }

    public string? RedirectDestination { get; init; }

    public bool PermanentRedirect { get; init; }

    /// <summary>Bytes the entry takes in memory, roughly: its bodies plus a fixed allowance for the rest.</summary>
    public long Size =>
        512 + (Body is null ? 0 : Body.Html.Content.Length + Body.Brotli.Content.Length + Body.Gzip.Content.Length);
}
