namespace IsrBuild;

/// <summary>How a revalidation treats the pages it names (<c>mode</c> in the revalidate route's query or body).</summary>
public enum RevalidationMode
{
    /// <summary>
    /// The default: the pages regenerate before the call returns. Tags and prefixes that match more than
    /// <see cref="IsrOptions.MaxRevalidateNowPages"/> pages are marked stale instead and regenerate in the background
    /// (the route answers <c>202 Accepted</c>).
    /// </summary>
    Now,

    /// <summary>
    /// Next.js 16's <c>revalidateTag(tag, "max")</c>: the pages are marked stale in constant time; each is served stale
    /// once on its next request while it regenerates in the background.
    /// </summary>
    Stale,

    /// <summary>The pages are marked expired in constant time: the next request for each renders it in the request.</summary>
    Expire,
}
