using IsrBuild.Testing;

namespace IsrBuild.Testing;

/// <summary>A test that needs a real redis-server; <c>ISRBUILD_REQUIRE_REDIS=1</c> makes it run where it would be skipped.</summary>
public sealed class RedisFactAttribute() : ProgramFactAttribute(RedisServer.Binary, "ISRBUILD_REQUIRE_REDIS", "redis-server");
