using IsrBuild.Generation;
using IsrBuild.Store;

namespace IsrBuild.Coordination;

/// <summary>
/// "This path's page changed": raised by a regeneration on this host (with the new state, which memory takes) and
/// by a change applied from another host (without one: memory drops what it holds and the next request reads the
/// store). The memory cache listens; whoever changes a page never reaches into it.
/// </summary>
internal sealed class PageChanges
{
    public event Action<PageChange>? Changed;

    /// <summary>The path changed elsewhere; whatever memory holds for it is out of date.</summary>
    public void Raise(string path) => Changed?.Invoke(new PageChange(path, null, null, false));

    /// <summary>The path has <paramref name="state"/> now (<paramref name="body"/> for a page).</summary>
    public void Raise(StoredPage state, EncodedPage? body, bool isTransient) =>
        Changed?.Invoke(new PageChange(state.Path, state, body, isTransient));
}
