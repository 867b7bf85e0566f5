using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsrBuild.Tests.Hosting;

/// <summary>A host that stops finishes what it started, and writes nothing once it has stopped.</summary>
public sealed class HostShutdownTests : ServingTestBase
{
    [Fact]
    public async Task APageGeneratingInTheBackground_WhenTheHostStops_IsWrittenAndServedAfterTheRestart()
    {
        Backend.Titles["late"] = "Finished while stopping";
        Backend.CloseGate();
        var (fallback, _) = await GetAsync("/background/late");
        await Eventually.TrueAsync(() => Backend.Calls("late") == 1, "the background render has read its data");

        // The render may go on only once the host has begun to stop: a host that did not wait for it would have
        // closed its store by the time it writes.
        Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(Backend.OpenGate);
        await RestartAsync();
        var (after, body) = await GetAsync("/background/late");

        Assert.Equal("MISS", CacheState(fallback));
        Assert.Equal("HIT", CacheState(after));
        Assert.Contains("<h1>Finished while stopping</h1>", body, StringComparison.Ordinal);
        Assert.Equal(1, Backend.Calls("late"));
    }

    [Fact]
    public async Task AHostStoppedRightAfterItStarted_LeavesACacheFolderThatCanBeDeleted()
    {
        // The template warm-up compiles into the cache folder in the background; stopping waits for it.
        await Host.DisposeAsync();

        Directory.Delete(Path.Combine(ContentRoot, "cache"), recursive: true);
        await StartAgainAsync();
    }
}
