namespace IsrBuild;

/// <summary>Why a page is being generated, as Next.js passes <c>revalidateReason</c>.</summary>
public enum GenerationReason
{
    /// <summary>Prerendering during <c>dotnet publish</c>.</summary>
    Publish,

    /// <summary>The first request for a path that was never generated (fallback <c>blocking</c> or <c>true</c>).</summary>
    FirstRequest,

    /// <summary>A background regeneration of a page older than its interval.</summary>
    Stale,

    /// <summary>An on-demand revalidation (the revalidate route or the C# API).</summary>
    OnDemand,

    /// <summary>
    /// A request for a page that may no longer be served stale (older than <see cref="IsrOptions.ExpireSeconds"/>, or
    /// expired by a revalidation in mode <c>expire</c>): it renders in the request.
    /// </summary>
    Expired,

    /// <summary>A render for an editor in draft mode, never cached (<see cref="StaticPropsContext.IsDraft"/>).</summary>
    Draft,

    /// <summary>A render for one request in development mode (<see cref="IsrOptions.DevelopmentMode"/>), never cached.</summary>
    Development,
}
