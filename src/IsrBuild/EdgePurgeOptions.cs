namespace IsrBuild;

/// <summary>
/// The caches in front of the host (the recipe's nginx, Varnish) that IsrBuild purges whenever a page changes on this
/// host: regenerated in the background, revalidated on demand, turned not-found, or applied from another host.
/// Bound from <c>Isr:EdgePurge</c>.
/// </summary>
public sealed class EdgePurgeOptions
{
    /// <summary>
    /// One URL prefix per cache in front, such as <c>http://127.0.0.1/_purge</c>: a changed page <c>/posts/42</c> is
    /// purged with a request to <c>http://127.0.0.1/_purge/posts/42</c> (the base path, if any, before the page's
    /// path), once per representation. Empty (the default): no purging. Bound from <c>Isr:EdgePurge:Urls:0</c>...
    /// </summary>
    public IList<string> Urls { get; set; } = [];

    /// <summary>The purge request's method. Default <c>PURGE</c> (Varnish and others want it; nginx's purge location answers any).</summary>
    public string Method { get; set; } = "PURGE";

    /// <summary>How long one purge request may take before it counts as failed. Default 2000 ms; 100 to 60000.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;
}
