namespace IsrBuild;

/// <summary>What a revalidation did, path by path; tagged pages are listed among the paths.</summary>
/// <param name="Paths">Each path revalidated, named or found through a tag, once.</param>
/// <param name="Tags">Each tag, with the number of pages that carried it.</param>
public sealed record RevalidationResult(IReadOnlyList<PathRevalidationResult> Paths, IReadOnlyList<TagRevalidationResult> Tags)
{
    /// <summary>Whether no path failed.</summary>
    public bool Succeeded => Paths.All(p => p.Status != PathRevalidationStatus.Failed);
}
