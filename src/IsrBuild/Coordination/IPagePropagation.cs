namespace IsrBuild.Coordination;

/// <summary>
/// How an on-demand revalidation knows the other hosts serve what it wrote before it answers, so a cache in front
/// purged after that cannot take the old page from a host that had not heard yet. A single host has no one to wait
/// for; a shared store (IsrBuild.Redis) registers its own.
/// </summary>
public interface IPagePropagation
{
    /// <summary>
    /// Waits, bounded, until every other live host holds <paramref name="path"/> at <paramref name="fence"/> or newer.
    /// </summary>
    /// <param name="path">The page's key.</param>
    /// <param name="fence">The fence the page was written with.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>Whether every other host confirmed it in time.</returns>
    ValueTask<bool> WaitAsync(string path, long fence, CancellationToken cancellationToken);
}
