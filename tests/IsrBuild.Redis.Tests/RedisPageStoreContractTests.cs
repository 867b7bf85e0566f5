using IsrBuild.Coordination;
using IsrBuild.Redis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Redis.Tests;

/// <summary>The store contract, kept by the store of a host among several: Redis over the host's own SQLite layers.</summary>
public sealed class RedisPageStoreContractTests : PageStoreContract, IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();
    private RedisServer? _redis;
    private IsrTestHost? _host;

    protected override async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _redis?.Dispose();
    }

    public void Dispose() => _contentRoot.Dispose();

    protected override async Task<IIsrPageStore> CreateStoreAsync()
    {
        _redis = await RedisServer.StartAsync();
        _host = await SharedCacheTestBase.StartSharedHostAsync(_redis, _contentRoot.Path, new TestBackend(), new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        var store = _host.Services.GetRequiredService<IIsrPageStore>();
        Assert.IsType<RedisPageStore>(store);
        return store;
    }
}
