using IsrBuild.Generation;

namespace IsrBuild.Store;

/// <summary>
/// Where pages live between requests and across restarts. The serving path reaches pages only through this
/// interface (behind a memory cache), and asks for one representation at a time, so memory holds only what
/// clients ask for.
/// </summary>
internal interface IIsrPageStore
{
    /// <summary>Opens the store for the current build; called once at startup.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The path's state with the bytes of <paramref name="encoding"/> (for a page), or <see langword="null"/> when
    /// the path was never generated.
    /// </summary>
    ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes of <paramref name="encoding"/> of the version <paramref name="page"/> describes, or
    /// <see langword="null"/> when the store no longer holds that version.
    /// </summary>
    ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken);

    /// <summary>
    /// Records the path's new state (<paramref name="body"/> for a page). A not-found removes the page; the store
    /// keeps a marker only where an older copy (a published one) would otherwise come back.
    /// </summary>
    /// <returns>How far the state went: to every host, to this host only, or nowhere because a newer one won.</returns>
    Task<PageWrite> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken);

    /// <summary>The paths of every page in the store that carries <paramref name="tag"/>.</summary>
    Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken);
}
