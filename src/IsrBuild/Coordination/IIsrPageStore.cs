
namespace IsrBuild.Coordination;

/// <summary>
/// Where pages live between requests and across restarts: the seam a store shared by several hosts plugs into
/// (IsrBuild.Redis decorates the single-host store registered by <c>AddIsr</c>). The serving path reaches pages only
/// through this interface, behind a memory cache, and asks for one representation at a time, so memory holds only
/// what clients ask for.
/// </summary>
public interface IIsrPageStore
{
    /// <summary>The build whose pages the store holds; known once <see cref="InitializeAsync"/> has run.</summary>
    string BuildId { get; }

    /// <summary>Opens the store for the current build; called once at startup.</summary>
    /// <param name="cancellationToken">Stops startup.</param>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The path's state with the bytes of <paramref name="encoding"/> (for a page), or <see langword="null"/> when
    /// the path was never generated.
    /// </summary>
    /// <param name="path">The page's key.</param>
    /// <param name="encoding">The representation whose bytes to read.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken);

    /// <summary>
    /// The path's state without any bytes, or <see langword="null"/> when the path was never generated: for whoever
    /// needs to know whether a page exists, how old it is or where it came from.
    /// </summary>
    /// <param name="path">The page's key.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes of <paramref name="encoding"/> of the version <paramref name="page"/> describes, or
    /// <see langword="null"/> when the store no longer holds that version.
    /// </summary>
    /// <param name="page">The version, as a read of this store returned it.</param>
    /// <param name="encoding">The representation whose bytes to read.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken);

    /// <summary>
    /// Records the path's new state (<paramref name="body"/> for a page). A not-found removes the page; the store
    /// keeps a marker only where an older copy (a published one) would otherwise come back.
    /// </summary>
    /// <param name="page">The new state.</param>
    /// <param name="body">The page's representations; <see langword="null"/> for a redirect or a not-found.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>How far the state went (to every host, to this host only, or nowhere because a newer one won), and the path's state in the store now.</returns>
    Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the path's page was generated again with the same bytes: <paramref name="page"/> carries the
    /// hashes of the version the store holds and new times (and fence, and interval); the bodies stay as they are, so
    /// nothing of them is written or shipped. Other hosts learn that the page is fresh again, as after a write.
    /// </summary>
    /// <param name="page">The new state, with the hashes of the stored page.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>
    /// What <see cref="SetAsync"/> would answer; or <see langword="null"/> when the store does not hold that version
    /// (it changed or left meanwhile) or cannot refresh one, and the caller writes the page in full instead. A store
    /// that does not override this always answers <see langword="null"/>.
    /// </returns>
    Task<PageWriteResult?> RefreshAsync(StoredPage page, CancellationToken cancellationToken) => Task.FromResult<PageWriteResult?>(null);

    /// <summary>The paths of every page in the store that carries <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag, as static props gave it.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken);

    /// <summary>
    /// The paths of every entry in the store at <paramref name="prefix"/> or below it: <c>/posts</c> names <c>/posts</c>
    /// and <c>/posts/42</c>, <c>/</c> every path.
    /// </summary>
    /// <param name="prefix">A page key, without a trailing slash (<c>/</c> for all).</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken);
}
