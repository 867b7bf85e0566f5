namespace IsrBuild.Revalidation;

/// <summary>The revalidate route's JSON answer.</summary>
internal sealed class RevalidateResponseBody
{
    public bool Revalidated { get; set; }

    public string? Message { get; set; }

    /// <summary>Present (<see langword="false"/>) only when the change reached this host alone.</summary>
    public bool? Propagated { get; set; }

    public List<PathResultBody>? Results { get; set; }

    /// <summary>Present only when purging a cache in front failed: the paths it may still hold.</summary>
    public List<string>? EdgePurgeFailed { get; set; }

    public List<TagResultBody>? Tags { get; set; }

    internal sealed record PathResultBody(string Path, string Status, string? Error);

    internal sealed record TagResultBody(string Tag, int Pages);
}
