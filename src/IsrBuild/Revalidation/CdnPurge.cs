namespace IsrBuild;

/// <summary>What one revalidation asks a CDN to purge.</summary>
/// <param name="Paths">The paths regenerated, removed or invalidated by name (keys such as <c>/posts/42</c>, path base excluded).</param>
/// <param name="Tags">The tags the call named; with <see cref="IsrOptions.CdnTagHeader"/> set, the CDN knows pages by them.</param>
/// <param name="Prefixes">The path prefixes the call named, without <c>/*</c> (<c>/posts</c>; <c>/</c> for every page).</param>
/// <param name="Mode">
/// What happened to the pages: regenerated (<see cref="RevalidationMode.Now"/>), marked stale (<see cref="RevalidationMode.Stale"/>, also for a set left to the background), or expired.
/// </param>
public sealed record CdnPurge(IReadOnlyList<string> Paths, IReadOnlyList<string> Tags, IReadOnlyList<string> Prefixes, RevalidationMode Mode)
{
    /// <summary>
    /// Whether the CDN may serve what it holds stale while it refetches (a soft purge, as Fastly's): the host marked
    /// the pages stale rather than replacing or expiring them. Otherwise the CDN must drop them (a hard purge).
    /// </summary>
    public bool Soft => Mode == RevalidationMode.Stale;
}
