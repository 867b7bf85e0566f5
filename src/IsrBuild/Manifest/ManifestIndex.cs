namespace IsrBuild.Manifest;

/// <summary>The manifest as the host holds it: compact, no per-page objects, files found by convention.</summary>
internal sealed class ManifestIndex
{
    public int Version { get; set; }

    public string BuildId { get; set; } = string.Empty;

    public DateTimeOffset GeneratedAt { get; set; }

    public Dictionary<string, FallbackMode> Fallbacks { get; } = new(StringComparer.Ordinal);

    public List<string> RouteTemplates { get; } = [];

    public Dictionary<string, PublishedPage> Pages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ManifestRedirect> Redirects { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NotFound { get; } = new(StringComparer.Ordinal);
}
