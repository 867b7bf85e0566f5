namespace IsrBuild;

/// <summary>
/// Purges a CDN in front of the site after every on-demand revalidation (through the route or
/// <see cref="IIsrRevalidator"/>), as a CDN keeps a page for its <c>s-maxage</c> whatever the host knows. Register
/// one or more: <c>builder.Services.AddSingleton&lt;IIsrCdnPurger, MyCdnPurger&gt;()</c>. A purger that throws is
/// logged (event 24) and never fails the revalidation: the pages on the hosts are already new or marked.
/// </summary>
public interface IIsrCdnPurger
{
    /// <summary>Called once the pages are regenerated, or the invalidation recorded.</summary>
    /// <param name="purge">What changed, and whether the CDN may keep serving it stale.</param>
    /// <param name="cancellationToken">The revalidation's cancellation.</param>
    Task PurgeAsync(CdnPurge purge, CancellationToken cancellationToken);
}
