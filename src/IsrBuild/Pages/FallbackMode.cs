namespace IsrBuild;

/// <summary>
/// What the host does with a request for a path of a page that was not prerendered (Next.js <c>fallback</c>).
/// </summary>
public enum FallbackMode
{
    /// <summary>Next.js <c>fallback: false</c>: only prerendered paths exist; any other path is a 404.</summary>
    NotFound,

    /// <summary>Next.js <c>fallback: 'blocking'</c>: the first request renders the page, then it is cached.</summary>
    Blocking,

    /// <summary>
    /// Next.js <c>fallback: true</c>: the first visitor gets the page's fallback rendering at once while the
    /// page generates in the background; crawlers get <see cref="Blocking"/>.
    /// </summary>
    Background,
}
