namespace IsrBuild;

/// <summary>
/// Purges a CDN in front of the site after every on-demand revalidation (through the route or
/// <see cref="IIsrRevalidator"/>), as a CDN keeps a page for its <c>s-maxage</c> whatever the host knows. Register
/// one or more: <c>builder.Services.AddSingleton&lt;IIsrCdnPurger, MyCdnPurger&gt;()</c>. A purger that throws is
/// logged (event 24) and never fails the revalidation: the pages on the hosts are already new.
/// </summary>
public interface IIsrCdnPurger
{
    /// <summary>Called once the pages are regenerated.</summary>
    /// <param name="paths">The paths regenerated or removed (as keys, such as <c>/posts/42</c>), path base excluded.</param>
    /// <param name="tags">The tags the call named; with <see cref="IsrOptions.CdnTagHeader"/> set, the CDN knows pages by them.</param>
    /// <param name="cancellationToken">The revalidation's cancellation.</param>
    Task PurgeAsync(IReadOnlyList<string> paths, IReadOnlyList<string> tags, CancellationToken cancellationToken);
}
