namespace IsrBuild.Store;

/// <summary>
/// Where pages live between requests and across restarts. The serving path reaches pages only through this
/// interface (behind a memory cache), so a store shared by several hosts can replace the disk store.
/// </summary>
internal interface IIsrPageStore
{
    /// <summary>Opens the store for the current build; called once at startup.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The path's state, or <see langword="null"/> when the path was never generated.</summary>
    Task<StoredPage?> GetAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Records the path's new state. A <see cref="StoredPageKind.NotFound"/> state removes the page; the store keeps
    /// a marker only where an older copy (a prerendered page) would otherwise come back.
    /// </summary>
    Task SetAsync(StoredPage page, CancellationToken cancellationToken);

    /// <summary>The paths of every page in the store that carries <paramref name="tag"/>.</summary>
    Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken);
}
