namespace IsrBuild;

/// <summary>What revalidating one path did.</summary>
public enum PathRevalidationStatus
{
    /// <summary>The page was generated again and is served from now on (a redirect counts too).</summary>
    Regenerated,

    /// <summary>The page's static props said not-found: it is a 404 now and left the cache.</summary>
    NotFound,

    /// <summary>Generating it failed or timed out; the last good page stays.</summary>
    Failed,

    /// <summary>No page's route matches the path, or its page has fallback <c>false</c> and never prerendered it.</summary>
    NoMatch,

    /// <summary>The path was never generated and <see cref="IsrOptions.RevalidateOnlyGenerated"/> is on.</summary>
    Skipped,

    /// <summary>Mode <c>stale</c>: the page is served stale once more, while it regenerates.</summary>
    MarkedStale,

    /// <summary>Mode <c>expire</c>: the page renders on its next request.</summary>
    Expired,
}
