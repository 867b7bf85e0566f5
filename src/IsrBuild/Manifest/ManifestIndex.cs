namespace IsrBuild.Manifest;

/// <summary>
/// The manifest as the host reads it when the published store cannot be used: the route table and which paths
/// publish produced, enough to render each of them on its first request.
/// </summary>
internal sealed class ManifestIndex
{
    public int Version { get; set; }

    public string BuildId { get; set; } = string.Empty;

    public DateTimeOffset GeneratedAt { get; set; }

    public Dictionary<string, FallbackMode> Fallbacks { get; } = new(StringComparer.Ordinal);

    /// <summary>The paths publish wrote a page or a redirect for.</summary>
    public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

    /// <summary>The paths whose static props returned not-found at publish.</summary>
    public HashSet<string> NotFound { get; } = new(StringComparer.Ordinal);
}
