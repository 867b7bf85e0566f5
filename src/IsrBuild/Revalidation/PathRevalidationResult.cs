namespace IsrBuild;

/// <summary>What revalidating one path did.</summary>
/// <param name="Path">The path, normalized (no trailing slash, <c>/index</c> as <c>/</c>).</param>
/// <param name="Status">The outcome.</param>
/// <param name="Error">Why it failed, for <see cref="PathRevalidationStatus.Failed"/>.</param>
public sealed record PathRevalidationResult(string Path, PathRevalidationStatus Status, string? Error = null)
{
    /// <summary>Whether the path's new page reached every host (see <see cref="RevalidationResult.Propagated"/>).</summary>
    public bool Propagated { get; init; } = true;

    /// <summary>
    /// Regenerated with the bytes it had: only its times were written, and nothing was purged from the caches in
    /// front, which hold those bytes too.
    /// </summary>
    public bool Unchanged { get; init; }
}
