namespace IsrBuild.Tests.Infrastructure;

/// <summary>
/// A test that mounts a small tmpfs to fill up, which takes root. Elsewhere it is skipped, saying so; CI runs as root
/// and sets <c>ISRBUILD_REQUIRE_SMALL_DISK=1</c>, so there it runs, and fails rather than skip.
/// </summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (!SmallDisk.CanMount && Environment.GetEnvironmentVariable("ISRBUILD_REQUIRE_SMALL_DISK") != "1")
        {
            Skip = "Mounting a tmpfs takes root on Linux (CI runs as root and requires the test).";
        }
    }
}
