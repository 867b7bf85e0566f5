namespace IsrBuild.Manifest;

internal sealed class ManifestPage
{
    /// <summary>The route template the path belongs to.</summary>
    public string Route { get; set; } = string.Empty;

    /// <summary>The HTML as generated.</summary>
    public ManifestFile Html { get; set; } = new();

    /// <summary>The Brotli-compressed HTML.</summary>
    public ManifestFile? Brotli { get; set; }

    /// <summary>The gzip-compressed HTML.</summary>
    public ManifestFile? Gzip { get; set; }

    /// <summary>Seconds the page stays fresh; absent for a page regenerated only on demand.</summary>
    public int? Revalidate { get; set; }

    public string[] Tags { get; set; } = [];
}
