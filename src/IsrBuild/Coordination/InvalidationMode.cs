namespace IsrBuild.Coordination;

/// <summary>What an invalidated page does on its next request.</summary>
public enum InvalidationMode
{
    /// <summary>It is served stale once while it regenerates in the background (Next.js 16's <c>revalidateTag(tag, "max")</c>).</summary>
    Stale,

    /// <summary>It renders in the request: no copy written before the invalidation is served again.</summary>
    Expire,
}
