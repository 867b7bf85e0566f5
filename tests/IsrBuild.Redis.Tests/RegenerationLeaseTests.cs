using IsrBuild.Redis.Tests.Infrastructure;
using IsrBuild.Regeneration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IsrBuild.Redis.Tests;

/// <summary>The lease: a host that loses it serves the stale page; a dead holder's lease expires; failures back off everywhere.</summary>
public sealed class RegenerationLeaseTests : SharedCacheTestBase
{
    [RedisFact]
    public async Task LeaseHeldByAHostThatDied_DelaysTheRegenerationUntilItExpires_ThenItHappensOnce()
    {
        var host = await StartHostAsync();
        Backend.Titles["a"] = "Old";
        await GetAsync(host, "/blocking/a");
        var calls = Backend.Calls("a");

        // A host took the lease and was killed: its lease stays for its 2 s expiry, nobody releases it.
        using (var connection = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration))
        {
            Assert.True(await connection.GetDatabase().LockTakeAsync("isr:test-build:lease:/blocking/a", "a-dead-host", TimeSpan.FromSeconds(2)));
        }

        Backend.Titles["a"] = "New";
        Clock.Advance(TimeSpan.FromSeconds(11));
        var (stale, staleBody) = await GetAsync(host, "/blocking/a");
        Assert.Equal("STALE", CacheState(stale));
        Assert.Contains("<h1>Old</h1>", staleBody, StringComparison.Ordinal);
        await QueueDoneAsync(host, "/blocking/a");
        Assert.Equal(calls, Backend.Calls("a"));
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/revalidate/status?path=/blocking/a"))
        {
            request.Headers.Add("Authorization", $"Bearer {Secret}");
            var status = await (await host.Client.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.Contains("\"leaseHolder\":\"a-dead-host\"", status, StringComparison.Ordinal);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
                return !await connection.GetDatabase().KeyExistsAsync("isr:test-build:lease:/blocking/a");
            },
            "the dead host's lease expired");
        await Eventually.TrueAsync(async () => (await GetAsync(host, "/blocking/a")).Body.Contains("<h1>New</h1>", StringComparison.Ordinal), "the page is regenerated once the lease expired");
        Assert.Equal(calls + 1, Backend.Calls("a"));
    }

    [RedisFact]
    public async Task FailingPage_BacksOffOnEveryHost_NotJustTheOneThatFailed()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = "Good";
        await GetAsync(hosts[0], "/blocking/a");
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Good</h1>");
        Backend.Failing["a"] = true;
        Clock.Advance(TimeSpan.FromSeconds(11));

        await GetAsync(hosts[0], "/blocking/a");
        await Eventually.TrueAsync(async () =>
        {
            using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
            return await connection.GetDatabase().KeyExistsAsync("isr:test-build:fail:/blocking/a");
        }, "the failure is shared");
        var calls = Backend.Calls("a");
        for (var i = 0; i < 10; i++)
        {
            var (response, body) = await GetAsync(hosts[1], "/blocking/a");
            Assert.Contains("<h1>Good</h1>", body, StringComparison.Ordinal);
        }

        await QueueDoneAsync(hosts[1], "/blocking/a");
        Assert.Equal(calls, Backend.Calls("a"));
    }

    /// <summary>Waits until the host's queue has dealt with the path: regenerated, deferred or skipped it.</summary>
    private static Task QueueDoneAsync(IsrTestHost host, string path)
    {
        var queue = host.Services.GetRequiredService<RegenerationQueue>();
        return Eventually.TrueAsync(() => Task.FromResult(!queue.StatusOf(path).Queued), $"the queue of the host is done with {path}");
    }
}
