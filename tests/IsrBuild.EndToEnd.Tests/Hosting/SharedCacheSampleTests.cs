using System.Net;
using System.Text.Json;
using IsrBuild.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>The published sample as three hosts (three processes) joined to one real redis-server by configuration alone.</summary>
[Collection(PublishGroup.Name)]
public sealed class SharedCacheSampleTests(PublishedSample sample) : IDisposable
{
    private const string Secret = "shared-cache-sample-secret-0123456789abcdef";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [RedisFact]
    public async Task StalePageRequested200TimesOverThreeHosts_IsRegeneratedOnce()
    {
        using var redis = await RedisServer.StartAsync();
        var hosts = await StartHostsAsync(redis);
        try
        {
            // Published pages keep their publish-time interval; regenerate /posts/2 under the hosts' 1 s interval.
            Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/posts/2", Secret)).Status);
            await UntilAsync(async () => (await StatusAsync(hosts[0], "/posts/2")).GetProperty("stale").GetBoolean(), hosts, "/posts/2 went stale");

            var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => hosts[i % 3].Client.GetAsync("/posts/2")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

            // Every host is done with the path (regenerated it, or left it to the lease holder) and one has logged it.
            await UntilAsync(
                async () => hosts.Sum(h => Occurrences(h.Output, "Regenerated /posts/2 (Stale)")) >= 1
                    && (await Task.WhenAll(hosts.Select(h => StatusAsync(h, "/posts/2")))).All(s => s.GetProperty("regeneration").GetString() == "idle"),
                hosts,
                "the regeneration of /posts/2 finished");
            Assert.Equal(1, hosts.Sum(h => Occurrences(h.Output, "Regenerated /posts/2 (Stale)")));
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    [RedisFact]
    public async Task RevalidationOnOneHost_ReachesTheOthers_EvenWhenTheirMessagesWereLost()
    {
        using var redis = await RedisServer.StartAsync();
        var hosts = await StartHostsAsync(redis);
        try
        {
            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 9, "Post 9, corrected everywhere");
            Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/posts/9", Secret)).Status);
            await EveryHostServesAsync(hosts, "/posts/9", "<h1>Post 9, corrected everywhere</h1>");

            // Every subscription is cut (as a network blip would) just before the next change: the hosts catch up
            // from the change log, not from the message they missed.
            using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
            {
                await connection.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
            }

            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 9, "Post 9, corrected again");
            Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/posts/9", Secret)).Status);
            await EveryHostServesAsync(hosts, "/posts/9", "<h1>Post 9, corrected again</h1>");
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    [RedisFact]
    public async Task RedisStoppedUnderTraffic_EveryPageRequestSucceeds_AndRevalidationReachesEveryHostOnceItIsBack()
    {
        using var redis = await RedisServer.StartAsync();
        var hosts = await StartHostsAsync(redis);
        try
        {
            redis.Stop();
            var answers = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => hosts[i % 3].Client.GetAsync($"/posts/{i % 50 + 1}")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 12, "Post 12, while Redis was down");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/posts/12", Secret)).Status);

            await redis.StartAgainAsync();
            await UntilAsync(async () => (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/posts/12", Secret)).Status == HttpStatusCode.OK, hosts, "the revalidation goes through with Redis back");

            await EveryHostServesAsync(hosts, "/posts/12", "<h1>Post 12, while Redis was down</h1>");
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    [RedisFact]
    public async Task LeaseHolderKilledMidRender_ThePageIsRegeneratedByAnotherHostOnceTheLeaseExpires()
    {
        using var redis = await RedisServer.StartAsync();
        var hosts = await StartHostsAsync(redis, ("Isr__Redis__LeaseSeconds", "3"), ("Blog__RevalidateSeconds", "3600"));
        try
        {
            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 21, "Post 21, after the holder died");

            // Hold the database so the first host's render of /posts/21 stops inside static props, lease in hand.
            await using var blocker = new SqliteConnection($"Data Source={_directory.Combine("blog.db")};Pooling=False");
            await blocker.OpenAsync();
            await using (var exclusive = blocker.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE";
                await exclusive.ExecuteNonQueryAsync();
            }

            await hosts[0].Client.GetAsync("/posts/21");
            await UntilAsync(async () => (await StatusAsync(hosts[1], "/posts/21")).TryGetProperty("leaseHolder", out _), hosts, "the first host's render holds the lease");
            hosts[0].Kill();
            await using (var rollback = blocker.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }

            // The dead host's lease still stands: the others serve the stale page and leave the render to it.
            var stale = await hosts[1].Client.GetStringAsync("/posts/21");
            Assert.Contains("<h1>Post 21</h1>", stale, StringComparison.Ordinal);

            await EveryHostServesAsync(hosts[1..], "/posts/21", "<h1>Post 21, after the holder died</h1>");

            // The log line follows the page: the console logger writes on its own thread, after the page is served.
            await UntilAsync(() => Task.FromResult(hosts[1..].Sum(h => Occurrences(h.Output, "Regenerated /posts/21 (Stale)")) >= 1), hosts, "the regeneration is logged");
            Assert.Equal(1, hosts[1..].Sum(h => Occurrences(h.Output, "Regenerated /posts/21 (Stale)")));
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    [RedisFact]
    public async Task TwoBuildsOnOneRedis_NeverServeEachOthersPages()
    {
        var otherBuild = _directory.Combine("other-build");
        var publish = await DotnetCli.PublishAsync(Repository.SampleProject, otherBuild, new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={_directory.Combine("other-blog.db")}",
            ["Blog__SeedPosts"] = "100",
            ["Blog__RevalidateSeconds"] = "2",
        });
        Assert.True(publish.ExitCode == 0, publish.ToString());
        using var redis = await RedisServer.StartAsync();
        var hosts = await StartHostsAsync(redis);

        // The newer build reads a database of its own, so nothing but Redis could show it the older build's edit.
        File.Copy(sample.DatabasePath, _directory.Combine("newer-blog.db"));
        using var newer = await SiteProcess.StartAsync(otherBuild, "IsrBuild.Sample", new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={_directory.Combine("newer-blog.db")}",
            ["Blog__RevalidateSeconds"] = "3600",
            ["Isr__CacheDirectory"] = _directory.Combine("cache-other-build"),
            ["Isr__RevalidateSecret"] = Secret,
            ["Isr__Redis__Configuration"] = redis.Configuration,
        });
        try
        {
            Assert.Contains("<h1>Post 30</h1>", await newer.Client.GetStringAsync("/posts/30"), StringComparison.Ordinal);
            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 30, "Post 30, seen by the older build only");
            Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/posts/30", Secret)).Status);
            // All three hosts of the older build took the change from its announcement: a host subscribed to the same
            // Redis would have heard it by now, were builds not kept apart.
            await EveryHostServesAsync(hosts, "/posts/30", "<h1>Post 30, seen by the older build only</h1>");

            Assert.Contains("<h1>Post 30</h1>", await newer.Client.GetStringAsync("/posts/30"), StringComparison.Ordinal);
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    private async Task<SiteProcess[]> StartHostsAsync(RedisServer redis, params (string Name, string Value)[] settings)
    {
        var database = _directory.Combine("blog.db");
        File.Copy(sample.DatabasePath, database, overwrite: true);
        var hosts = new List<SiteProcess>();
        try
        {
            foreach (var name in new[] { "one", "two", "three" })
            {
                var environment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__Blog"] = $"Data Source={database}",
                    ["Blog__RevalidateSeconds"] = "1",
                    ["Isr__CacheDirectory"] = _directory.Combine("cache-" + name + "-" + redis.Port),
                    ["Isr__RevalidateSecret"] = Secret,
                    ["Isr__Redis__Configuration"] = redis.Configuration,
                    ["Isr__Redis__CatchUpSeconds"] = "1",
                    ["Logging__LogLevel__IsrBuild"] = "Debug",
                };
                foreach (var (setting, value) in settings)
                {
                    environment[setting] = value;
                }

                hosts.Add(await SiteProcess.StartAsync(sample.PublishDirectory, "IsrBuild.Sample", environment));
            }

            return [.. hosts];
        }
        catch
        {
            hosts.ForEach(h => h.Dispose());
            throw;
        }
    }

    private static Task EveryHostServesAsync(SiteProcess[] hosts, string path, string text) =>
        UntilAsync(
            async () => (await Task.WhenAll(hosts.Select(h => h.Client.GetStringAsync(path)))).All(b => b.Contains(text, StringComparison.Ordinal)),
            hosts,
            $"every host serves {path} with '{text}'");

    /// <summary>The status route's answer for <paramref name="path"/> on <paramref name="host"/>.</summary>
    private static async Task<JsonElement> StatusAsync(SiteProcess host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/revalidate/status?path={path}");
        request.Headers.Add("Authorization", $"Bearer {Secret}");
        using var response = await host.Client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds; a failure shows every host's output.</summary>
    private static Task UntilAsync(Func<Task<bool>> condition, SiteProcess[] hosts, string what) =>
        Eventually.TrueAsync(condition, what, () => string.Join("\n---\n", hosts.Select(h => h.Output)));

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
