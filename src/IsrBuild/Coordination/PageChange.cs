
namespace IsrBuild.Coordination;

/// <summary>One path's change: its new state and bodies when known here, or none when it changed elsewhere.</summary>
/// <param name="Path">The page's key.</param>
/// <param name="State">The new state, or <see langword="null"/> when only "changed" is known.</param>
/// <param name="Body">The new page's representations, for a page generated here.</param>
/// <param name="IsTransient">A not-found for a path publish never wrote: remembered briefly, in memory only.</param>
public sealed record PageChange(string Path, StoredPage? State, EncodedPage? Body, bool IsTransient)
{
    /// <summary>
    /// Made by an on-demand revalidation, which purges the caches in front itself before it answers (after every host
    /// has the page), so the background purge leaves it alone: one purge per cache and representation.
    /// </summary>
    internal bool PurgedByCaller { get; init; }

    /// <summary>
    /// The page was generated again with the same bytes: only its times changed. Memory keeps the bodies it holds,
    /// and the caches in front, which hold those bytes too, are not purged.
    /// </summary>
    public bool Refreshed { get; init; }
}
