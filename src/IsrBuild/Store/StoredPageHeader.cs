namespace IsrBuild.Store;

/// <summary>The metadata at the start of a page file in the cache directory.</summary>
internal sealed class StoredPageHeader
{
    public string Path { get; set; } = string.Empty;

    public string Route { get; set; } = string.Empty;

    public StoredPageKind Kind { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public int? Revalidate { get; set; }

    public string[] Tags { get; set; } = [];

    public StoredBody? Html { get; set; }

    public StoredBody? Brotli { get; set; }

    public StoredBody? Gzip { get; set; }

    public string? RedirectDestination { get; set; }

    public bool PermanentRedirect { get; set; }
}
