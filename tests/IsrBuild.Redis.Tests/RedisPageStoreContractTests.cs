using IsrBuild.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Redis.Tests;

/// <summary>The store contract, kept by the store of a host among several: Redis over the host's own SQLite layers.</summary>
public sealed class RedisPageStoreContractTests : HostedPageStoreContract
{
    private RedisServer? _redis;

    [RedisFact]
    public void TheStoreUnderTest_IsTheSharedOne() => Assert.IsType<RedisPageStore>(Store);

    protected override async Task StopAsync()
    {
        await base.StopAsync();
        _redis?.Dispose();
    }

    private protected override async Task<IsrTestHost> StartHostAsync(string contentRoot, TestBackend backend, FakeTimeProvider clock)
    {
        _redis = await RedisServer.StartAsync();
        return await SharedCacheTestBase.StartSharedHostAsync(_redis, contentRoot, backend, clock);
    }
}
