using System.Net;
using System.Text.RegularExpressions;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// sample/deploy/nginx-isrbuild-sample-hosts.conf as the tests run it: two hosts of the published sample on one
/// redis-server, behind one nginx that caches their pages; every host purges it, whichever host made the change.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed partial class SeveralHostsEdgeCacheTests : IDisposable
{
    private const string Secret = "a-several-hosts-secret-of-at-least-32-characters";

    private readonly TemporaryDirectory _directory = new();
    private readonly PublishedSample _sample;

    public SeveralHostsEdgeCacheTests(PublishedSample sample)
    {
        _sample = sample;
        RecipeStack.OpenToNginx(_directory);
    }

    public void Dispose() => _directory.Dispose();

    [NginxAndRedisFact]
    public async Task ARevalidationOnEitherHost_IsWhatNginxServesAsSoonAsTheCallReturns()
    {
        using var stack = await StartAsync(revalidateSeconds: 300);
        var (hosts, client) = (stack.Hosts, stack.Client);

        // Published pages keep publish's interval, long past by now: one revalidation makes /posts/12 fresh for 300 s.
        Assert.Equal(HttpStatusCode.OK, (await hosts[0].Client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/12", null)).StatusCode);
        await client.GetAsync("/posts/12");
        Assert.Equal("HIT", EdgeCache(await client.GetAsync("/posts/12")));

        for (var round = 1; round <= 4; round++)
        {
            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 12, $"Post 12, edition {round}");
            var revalidate = await hosts[round % 2].Client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/12", null);

            // Not eventually: at once, whichever host nginx asks.
            Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
            for (var i = 0; i < 4; i++)
            {
                Assert.Contains($"<h1>Post 12, edition {round}</h1>", await client.GetStringAsync("/posts/12"), StringComparison.Ordinal);
            }
        }

        Assert.Equal("HIT", EdgeCache(await client.GetAsync("/posts/12")));
    }

    [NginxAndRedisFact]
    public async Task APageRegeneratedOnOneHostForItsInterval_IsPurged_AndNginxServesItNew()
    {
        using var stack = await StartAsync(revalidateSeconds: 2);
        var (first, second, client) = (stack.Hosts[0], stack.Hosts[1], stack.Client);

        // Published pages keep publish's interval: one revalidation puts /posts/13 on the hosts' 2 s.
        Assert.Equal(HttpStatusCode.OK, (await first.Client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/13", null)).StatusCode);
        await client.GetAsync("/posts/13");
        await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 13, "Post 13, after its interval");

        await Eventually.TrueAsync(
            async () => (await client.GetStringAsync("/posts/13")).Contains("<h1>Post 13, after its interval</h1>", StringComparison.Ordinal),
            "nginx serves the page one host regenerated when its interval passed",
            () => first.Output + second.Output);
        await Eventually.TrueAsync(
            () => first.Output.Contains("Regenerated /posts/13 (Stale)", StringComparison.Ordinal) || second.Output.Contains("Regenerated /posts/13 (Stale)", StringComparison.Ordinal),
            "a host logs that it regenerated /posts/13 because its interval passed");
        Assert.Contains("<h1>Post 13, after its interval</h1>", await client.GetStringAsync("/posts/13"), StringComparison.Ordinal);
    }

    [NginxAndRedisFact]
    public async Task ThePurgeListener_AdmitsTheHostsOnly_AndThePublicListenerHasNoPurge()
    {
        using var stack = await StartAsync(revalidateSeconds: 300);
        using var stranger = RecipeClients.From(stack.Nginx.PurgeAddress, "127.0.0.2");

        Assert.Equal(HttpStatusCode.NotFound, (await stack.Client.GetAsync("/_purge/posts/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/_purge/posts/1")).StatusCode);
    }

    /// <summary>A redis-server, two hosts of the sample on it, and the recipe's nginx in front of both.</summary>
    private async Task<Stack> StartAsync(int revalidateSeconds)
    {
        var redis = await RedisServer.StartAsync();
        var database = _directory.Combine("blog.db");
        File.Copy(_sample.DatabasePath, database, overwrite: true);
        var purgePort = NginxProcess.FreePort();
        var hosts = new List<SiteProcess>();
        try
        {
            foreach (var name in new[] { "first", "second" })
            {
                hosts.Add(await SiteProcess.StartAsync(_sample.PublishDirectory, "IsrBuild.Sample", new Dictionary<string, string>
                {
                    ["ConnectionStrings__Blog"] = $"Data Source={database}",
                    ["Blog__RevalidateSeconds"] = revalidateSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Isr__CacheDirectory"] = _directory.Combine("cache-" + name),
                    ["Isr__RevalidateSecret"] = Secret,
                    ["Isr__EdgePurge__Urls__0"] = $"http://127.0.0.1:{purgePort}/_purge",
                    ["Isr__Redis__Configuration"] = redis.Configuration,
                    ["Isr__Redis__CatchUpSeconds"] = "1",
                    ["Logging__LogLevel__IsrBuild"] = "Debug",
                }));
            }

            // The recipe's addresses, moved to this machine's loopback: the hosts purge from 127.0.0.1.
            string Rewrite(string site) => HostLines().Replace(site, _ => string.Concat(hosts.Select(h => $"    server {h.Address.Authority} max_fails=3 fail_timeout=10s;\n")))
                .Replace("listen 10.0.0.10:8081;", $"listen 127.0.0.1:{purgePort};", StringComparison.Ordinal)
                .Replace("        allow 10.0.0.11;\n        allow 10.0.0.12;\n        allow 10.0.0.13;\n", "        allow 127.0.0.1;\n", StringComparison.Ordinal);
            var recipe = Path.Combine(Repository.Root, "sample", "deploy", "nginx-isrbuild-sample-hosts.conf");
            var nginx = await NginxProcess.StartAsync(_directory.Combine("nginx"), recipe, hosts[0].Address, purgePort: purgePort, rewrite: Rewrite);
            return new Stack(redis, [.. hosts], nginx);
        }
        catch
        {
            hosts.ForEach(h => h.Dispose());
            redis.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"(    server 10\.0\.0\.1\d:5000 max_fails=3 fail_timeout=10s;\n)+")]
    private static partial Regex HostLines();

    /// <summary>What a test runs against; disposing stops every process by its pid.</summary>
    private sealed class Stack(RedisServer redis, SiteProcess[] hosts, NginxProcess nginx) : IDisposable
    {
        public SiteProcess[] Hosts => hosts;

        public NginxProcess Nginx => nginx;

        /// <summary>A visitor of the public listener.</summary>
        public HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = nginx.Address };

        public void Dispose()
        {
            Client.Dispose();
            nginx.Dispose();
            Array.ForEach(hosts, host => host.Dispose());
            redis.Dispose();
        }
    }

    private static string EdgeCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Edge-Cache", out var values) ? values.Single() : "(none)";
}
