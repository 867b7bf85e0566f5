
namespace IsrBuild.Coordination;

/// <summary>
/// "This path's page changed": raised by a regeneration on this host (with the new state, which memory takes) and
/// by a change applied from another host (without one: memory drops what it holds and the next request reads the
/// store). The memory cache listens; whoever changes a page never reaches into it.
/// </summary>
public sealed class PageChanges
{
    /// <summary>Raised on the thread that made or learnt of the change.</summary>
    public event Action<PageChange>? Changed;

    /// <summary>The path changed elsewhere; whatever memory holds for it is out of date.</summary>
    /// <param name="path">The page's key.</param>
    public void Raise(string path) => Changed?.Invoke(new PageChange(path, null, null, false));

    /// <summary>
    /// The path's page was generated again with the bytes it had: <paramref name="state"/> carries its new times and
    /// the hashes of those bytes.
    /// </summary>
    /// <param name="state">The new state.</param>
    public void RaiseRefreshed(StoredPage state) =>
        Changed?.Invoke(new PageChange(state.Path, state, null, false) { Refreshed = true });

    /// <summary>The path has <paramref name="state"/> now (<paramref name="body"/> for a page).</summary>
    /// <param name="state">The new state.</param>
    /// <param name="body">The new page's representations.</param>
    /// <param name="isTransient">A not-found for a path publish never wrote.</param>
    /// <param name="purgedByCaller">Whoever made the change purges the caches in front itself.</param>
    internal void Raise(StoredPage state, EncodedPage? body, bool isTransient, bool purgedByCaller = false) =>
        Changed?.Invoke(new PageChange(state.Path, state, body, isTransient) { PurgedByCaller = purgedByCaller });
}
