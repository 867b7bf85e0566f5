namespace IsrBuild.Redis.Tests.Infrastructure;

/// <summary>
/// A test that needs a real redis-server. Without Debian's package the test is skipped with the install command,
/// unless <c>ISRBUILD_REQUIRE_REDIS=1</c> (set by .ci/run, which installs it) makes it run and fail.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!File.Exists(RedisServer.Binary) && Environment.GetEnvironmentVariable("ISRBUILD_REQUIRE_REDIS") != "1")
        {
            Skip = "redis-server is not installed (apt-get install redis-server; .ci/run installs it)."; // a dev machine may lack it; CI requires it
        }
    }
}
