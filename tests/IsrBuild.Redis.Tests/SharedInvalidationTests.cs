using System.Net;
using IsrBuild.Redis.Tests.Infrastructure;

namespace IsrBuild.Redis.Tests;

/// <summary>Invalidations made on one host hold on every host, survive a host's absence, and hold locally with Redis down.</summary>
public sealed class SharedInvalidationTests : SharedCacheTestBase
{
    private static readonly string[] Slugs = ["a", "b"];

    [RedisFact]
    public async Task StaleInvalidation_OnOneHost_HoldsOnEveryHost_AndEachPageRegeneratesOnceInTotal()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(), await StartHostAsync() };
        await GenerateEverywhereAsync(hosts);

        // A host asked for a page before the first render's message reached it renders it too: count from here.
        int[] before = [.. Slugs.Select(Backend.Calls)];
        var (status, body) = (await hosts[1].Client.RevalidateAsync("/api/revalidate?tag=items&mode=stale", Secret)).AsText();

        Assert.True(status == HttpStatusCode.OK, body);
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(hosts.Select(h => GetAsync(h, "/blocking/b")))).All(r => CacheState(r.Response) != "HIT" || r.Body.Contains("<h1>New b</h1>", StringComparison.Ordinal)),
            "no host serves the old page as fresh");
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => GetAsync(hosts[i % 3], $"/blocking/{Slugs[i % 2]}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        foreach (var slug in Slugs)
        {
            await EveryHostServesAsync(hosts, $"/blocking/{slug}", $"<h1>New {slug}</h1>");
        }

        Assert.Equal(before.Select(calls => calls + 1), Slugs.Select(Backend.Calls));
    }

    [RedisFact]
    public async Task AStartingHost_ReadsTheSharedInvalidationsOnce()
    {
        await StartHostAsync();

        // A fresh redis-server, no page shared yet: the one hash read is the invalidations'.
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",allowAdmin=true");
        var stats = (await connection.GetServer(Redis.Configuration).InfoAsync("commandstats")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.StartsWith("calls=1,", stats["cmdstat_hgetall"], StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task HostStartedAfterAnInvalidation_HonoursIt()
    {
        var first = await StartHostAsync();
        await GenerateEverywhereAsync([first]);
        await first.Client.RevalidateAsync("/api/revalidate?path=/blocking/*&mode=expire", Secret);

        var late = await StartHostAsync();
        var (response, body) = await GetAsync(late, "/blocking/a");

        Assert.Equal("MISS", CacheState(response));
        Assert.Contains("<h1>New a</h1>", body, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task RedisDown_AnInvalidationAnswers503_AndHoldsOnThisHost()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        await GenerateEverywhereAsync(hosts);

        Redis.Stop();
        var (status, body) = (await hosts[0].Client.RevalidateAsync("/api/revalidate?tag=item:a&mode=stale", Secret)).AsText();
        var (here, _) = await GetAsync(hosts[0], "/blocking/a");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("\"propagated\":false", body, StringComparison.Ordinal);
        Assert.Equal("STALE", CacheState(here));
        await Redis.StartAgainAsync();
    }

    /// <summary>Generates the pages with "Old" titles, lets every host hold them, and gives the data "New" titles a second later.</summary>
    private async Task GenerateEverywhereAsync(IsrTestHost[] hosts)
    {
        foreach (var slug in Slugs)
        {
            Backend.Titles[slug] = "Old " + slug;
            await GetAsync(hosts[0], $"/blocking/{slug}");
            await EveryHostServesAsync(hosts, $"/blocking/{slug}", $"<h1>Old {slug}</h1>");
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var slug in Slugs)
        {
            Backend.Titles[slug] = "New " + slug;
        }
    }
}
