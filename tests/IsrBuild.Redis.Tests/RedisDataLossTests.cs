using System.Net;
using IsrBuild.Redis.Tests.Infrastructure;

namespace IsrBuild.Redis.Tests;

/// <summary>
/// A Redis that forgets (a restart without persistence, as a default redis-server has; a flush; a failover to an
/// empty replica): writes made after the loss still reach every host, however new the copies the hosts kept.
/// </summary>
public sealed class RedisDataLossTests : SharedCacheTestBase
{
    [RedisFact]
    public async Task RedisRestartedWithoutItsData_AChangeAfterwardsReachesEveryHost_AndAStampedeRegeneratesItOnce()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = "First";
        await GetAsync(hosts[0], "/blocking/a");
        Backend.Titles["a"] = "Second";
        Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status);
        Backend.Titles["a"] = "Third";
        Assert.Equal(HttpStatusCode.OK, (await hosts[2].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status);
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Third</h1>");

        Redis.Stop();
        await Redis.StartAgainAsync();
        Backend.Titles["a"] = "After the loss";
        await Eventually.TrueAsync(async () => (await hosts[1].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status == HttpStatusCode.OK, "host B reaches the new Redis");

        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>After the loss</h1>");
        await Eventually.TrueAsync(
            () => hosts.All(host => host.Log.AllEntries.Any(entry => entry.EventId == 110)),
            "every host logs that Redis lost its data");

        var calls = Backend.Calls("a");
        Backend.Titles["a"] = "Stampeded";
        Clock.Advance(TimeSpan.FromSeconds(11));
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => GetAsync(hosts[i % 3], "/blocking/a")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Stampeded</h1>");
        Assert.Equal(calls + 1, Backend.Calls("a"));
    }

    [RedisFact]
    public async Task RedisFlushed_ARevalidationAfterwardsReachesEveryHost()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = "First";
        await GetAsync(hosts[0], "/blocking/a");
        Backend.Titles["a"] = "Second";
        Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status);
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Second</h1>");

        await Redis.FlushAllAsync();
        Backend.Titles["a"] = "After the flush";
        Assert.Equal(HttpStatusCode.OK, (await hosts[1].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status);

        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>After the flush</h1>");
    }
}
