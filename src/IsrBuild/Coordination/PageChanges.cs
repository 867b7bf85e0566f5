namespace IsrBuild.Coordination;

/// <summary>
/// "This path's page changed elsewhere": raised when another host's regeneration or revalidation was applied to
/// this host's store, so whatever memory holds for the path is dropped and the next request reads the new page.
/// </summary>
internal sealed class PageChanges
{
    public event Action<string>? Changed;

    public void Raise(string path) => Changed?.Invoke(path);
}
