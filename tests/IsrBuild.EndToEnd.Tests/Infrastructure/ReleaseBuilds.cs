namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One Release build of the repository's projects at a time. xUnit starts a collection's fixtures together
/// (<c>Task.WhenAll</c> over their <c>InitializeAsync</c>), and the sample's publish, the test site's publish and the
/// package's pack all build <c>src/IsrBuild</c> in Release: at once they wrote the same <c>bin/Release</c> files
/// (<c>IsrBuild.deps.json</c> "used by another process" in one CI run).
/// </summary>
internal static class ReleaseBuilds
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<T> OneAtATimeAsync<T>(Func<Task<T>> build)
    {
        await Gate.WaitAsync();
        try
        {
            return await build();
        }
        finally
        {
            Gate.Release();
        }
    }
}
