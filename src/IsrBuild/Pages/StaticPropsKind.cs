namespace IsrBuild;

/// <summary>What a page's static props say about its path.</summary>
public enum StaticPropsKind
{
    /// <summary>The path is a page rendered from a model.</summary>
    Page,

    /// <summary>The path does not exist (Next.js <c>notFound: true</c>): a 404, and a cached page is dropped.</summary>
    NotFound,

    /// <summary>The path redirects elsewhere (Next.js <c>redirect</c>).</summary>
    Redirect,
}
