using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Hosting;

/// <summary>
/// Readies the host before it takes traffic, once what publish wrote is open: opens the store for this build and
/// takes in the invalidations recorded before, and says when the revalidate route is off or its secret weak.
/// </summary>
internal sealed class IsrStartupService(
    IIsrPageStore store,
    Invalidations invalidations,
    IIsrInvalidationLog invalidationLog,
    IHostEnvironment environment,
    IOptions<IsrOptions> options,
    ILogger<IsrStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.RevalidateSecret))
        {
            logger.RevalidateRouteOff(options.Value.RevalidatePath);
        }
        else if (options.Value.RevalidateSecret.Length < 32)
        {
            logger.RevalidateSecretShort();
        }

        await store.InitializeAsync(cancellationToken);
        if (options.Value.IsDevelopmentMode(environment))
        {
            logger.DevelopmentModeOn(environment.EnvironmentName);
            return;
        }

        // Before the first request: a page invalidated before a restart (or before a rollback) stays out of date.
        foreach (var invalidation in await invalidationLog.ReadAllAsync(cancellationToken))
        {
            invalidations.Restore(invalidation);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
