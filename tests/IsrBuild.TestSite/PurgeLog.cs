namespace IsrBuild.TestSite;

/// <summary>
/// The site's CDN purge hook, as a site would register one: here it appends what it was asked to purge to the file
/// <c>TestSite:PurgeLog</c> names, one line per call (<c>paths | tags | prefixes | mode</c>), so a test can see the hook ran.
/// </summary>
public sealed class PurgeLog(IConfiguration configuration) : IIsrCdnPurger
{
    public Task PurgeAsync(CdnPurge purge, CancellationToken cancellationToken) =>
        configuration["TestSite:PurgeLog"] is { Length: > 0 } file
            ? File.AppendAllTextAsync(file, $"{string.Join(' ', purge.Paths)} | {string.Join(' ', purge.Tags)} | {string.Join(' ', purge.Prefixes)} | {purge.Mode}\n", cancellationToken)
            : Task.CompletedTask;
}
