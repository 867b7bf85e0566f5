using IsrBuild.Coordination;

namespace IsrBuild.Regeneration;

/// <summary>
/// A generation's outcome: the page's state, and its bytes when this generation rendered them (none when it found a
/// newer copy in the store instead), so the request that waited for it is answered without reading them back.
/// </summary>
/// <param name="Stored">The page's state.</param>
/// <param name="Body">The representations rendered, for a page.</param>
/// <param name="Kept">
/// Whether the store kept it. A first render the store refused still answers the request that asked for it; nothing
/// else sees it.
/// </param>
internal sealed record GeneratedPage(StoredPage Stored, EncodedPage? Body, bool Kept = true)
{
    /// <summary>Generated again with the bytes the store held: only its times were written.</summary>
    public bool Unchanged { get; init; }
}
