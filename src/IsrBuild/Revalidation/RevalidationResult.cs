namespace IsrBuild;

/// <summary>What a revalidation did, path by path; tagged pages are listed among the paths.</summary>
/// <param name="Paths">Each path revalidated, named or found through a tag, once.</param>
/// <param name="Tags">Each tag, with the number of pages that carried it.</param>
public sealed record RevalidationResult(IReadOnlyList<PathRevalidationResult> Paths, IReadOnlyList<TagRevalidationResult> Tags)
{
    /// <summary>Whether no path failed.</summary>
    public bool Succeeded => Paths.All(p => p.Status != PathRevalidationStatus.Failed);

    /// <summary>
    /// Whether every regenerated page reached every host. Always with one host; with several (IsrBuild.Redis),
    /// <see langword="false"/> when the shared cache could not be reached: the pages changed on this host only, and
    /// the call should be repeated.
    /// </summary>
    public bool Propagated { get; init; } = true;

    /// <summary>
    /// The changed paths that a cache in front (<see cref="IsrOptions.EdgePurge"/>) may still hold, because purging
    /// them failed or timed out; empty when every purge went through, or none is configured.
    /// </summary>
    public IReadOnlyList<string> EdgePurgeFailed { get; init; } = [];
}
