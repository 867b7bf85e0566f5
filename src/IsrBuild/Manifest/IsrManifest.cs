namespace IsrBuild.Manifest;

/// <summary>
/// <c>isr/isr-manifest.json</c>: what publish prerendered, read by the host at startup. A versioned contract:
/// a reader refuses a version it does not know.
/// </summary>
internal sealed class IsrManifest
{
    public const int CurrentVersion = 1;

    public const string FolderName = "isr";

    public const string FileName = "isr-manifest.json";

    public const string PagesFolderName = "pages";

    public int Version { get; set; } = CurrentVersion;

    public string BuildId { get; set; } = string.Empty;

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>Per route template: the page class, its template and its fallback mode.</summary>
    public SortedDictionary<string, ManifestRoute> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per path: the prerendered page.</summary>
    public SortedDictionary<string, ManifestPage> Pages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per path: a redirect the page's static props returned at publish.</summary>
    public SortedDictionary<string, ManifestRedirect> Redirects { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Listed paths whose static props returned not-found.</summary>
    public List<string> NotFound { get; set; } = [];
}
