using System.Diagnostics;
using System.Net;
using IsrBuild.Redis.Tests.Infrastructure;

namespace IsrBuild.Redis.Tests;

/// <summary>Redis down: no page request fails or waits; revalidation says it did not reach the others; hosts resync after.</summary>
public sealed class RedisOutageTests : SharedCacheTestBase
{
    [RedisFact]
    public async Task RedisDown_PagesAreServedAtOnce_RevalidationAnswers503_AndHostsResyncWhenItReturns()
    {
        using var errors = new RedisCounter();
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = "Before the outage";
        await GetAsync(hosts[0], "/blocking/a");
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Before the outage</h1>");

        Redis.Stop();
        Backend.Titles["a"] = "During the outage";
        Clock.Advance(TimeSpan.FromSeconds(11));
        var watch = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => GetAsync(hosts[i % 2], "/blocking/a")));
        watch.Stop();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"40 requests took {watch.Elapsed} with Redis down");

        Backend.Titles["a"] = "Revalidated during the outage";
        var (status, body) = (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).AsText();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("\"propagated\":false", body, StringComparison.Ordinal);
        Assert.Contains("\"revalidated\":true", body, StringComparison.Ordinal);
        Assert.True(errors.Count > 0, "the outage shows in isr.redis.errors");
        await EveryHostServesAsync([hosts[0]], "/blocking/a", "<h1>Revalidated during the outage</h1>");

        await Redis.StartAgainAsync();
        Backend.Titles["a"] = "After the outage";
        await Eventually.TrueAsync(async () => (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status == HttpStatusCode.OK, "the repeated call propagates once Redis is back");
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>After the outage</h1>");
    }

    [RedisFact]
    public async Task HostStartedWhileRedisIsDown_ServesItsPages_AndJoinsWhenRedisComesUp()
    {
        Redis.Stop();
        var host = await StartHostAsync();
        Backend.Titles["a"] = "Alone";

        var (response, body) = await GetAsync(host, "/blocking/a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Alone</h1>", body, StringComparison.Ordinal);
        await Redis.StartAgainAsync();
        var other = await StartHostAsync();
        Backend.Titles["a"] = "Together";
        await Eventually.TrueAsync(async () => (await host.Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).Status == HttpStatusCode.OK, "the host reaches Redis again");
        await EveryHostServesAsync([host, other], "/blocking/a", "<h1>Together</h1>");
    }
}
