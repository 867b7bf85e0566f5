namespace IsrBuild.Manifest;

internal sealed class ManifestRoute
{
    /// <summary>The page class's full type name.</summary>
    public string Page { get; set; } = string.Empty;

    public string Template { get; set; } = string.Empty;

    /// <summary><c>false</c>, <c>blocking</c> or <c>true</c>, as Next.js writes <c>fallback</c>.</summary>
    public string Fallback { get; set; } = FallbackNames.NotFound;
}
