namespace IsrBuild.Manifest;

internal sealed class ManifestRedirect
{
    public string Route { get; set; } = string.Empty;

    public string Destination { get; set; } = string.Empty;

    public bool Permanent { get; set; }
}
