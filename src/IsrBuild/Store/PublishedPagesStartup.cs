using IsrBuild.Diagnostics;
using IsrBuild.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Store;

/// <summary>
/// Opens what publish wrote before the host takes traffic: a malformed manifest stops startup, and keys written for
/// other locales than the host maps are reported rather than served as 404s silently.
/// </summary>
internal sealed class PublishedPagesStartup(PublishedPages published, PageLocales locales, ILogger<PublishedPagesStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await published.LoadAsync(cancellationToken);
        if (published.PublishedLocales is { } publishedLocales && publishedLocales != locales.Signature)
        {
            logger.LocalesDifferFromPublish(Describe(publishedLocales), Describe(locales.Signature));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Describe(string signature) => signature.Length == 0 ? "none" : signature.Replace(";", ", default ", StringComparison.Ordinal);
}
