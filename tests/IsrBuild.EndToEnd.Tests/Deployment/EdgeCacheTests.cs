using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// The published sample behind the recipe's nginx (sample/deploy's site file, with its cache and the purge module):
/// nginx answers the HITs, and IsrBuild keeps its cache exact.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class EdgeCacheTests : IDisposable
{
    private const string Secret = "an-edge-cache-secret-of-at-least-32-characters";

    private readonly TemporaryDirectory _directory = new();

    private readonly PublishedSample _sample;

    public EdgeCacheTests(PublishedSample sample)
    {
        _sample = sample;

        RecipeStack.OpenToNginx(_directory);
    }

    public void Dispose() => _directory.Dispose();

    [NginxFact]
    public async Task HitsComeFromNginx_AndARevalidatedPageIsNewThroughNginx_AsSoonAsTheCallReturns()
    {
        var (site, nginx) = await StartAsync("one");
        using (site)
        using (nginx)
        {
            using var identity = Client(nginx, acceptEncoding: null);
            using var brotli = Client(nginx, acceptEncoding: "br");

            // Regenerated now, the page is fresh for the host's interval (the published copy may be older than its own).
            await identity.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/3", null);
            await identity.GetAsync("/posts/3");
            await brotli.GetAsync("/posts/3");
            var identityHit = await identity.GetAsync("/posts/3");
            var brotliHit = await brotli.GetAsync("/posts/3");

            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 3, "Post 3, revalidated");
            var revalidate = await identity.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/3", null);
            var identityAfter = await identity.GetAsync("/posts/3");
            var brotliAfter = await brotli.GetAsync("/posts/3");

            Assert.Equal("HIT", EdgeCache(identityHit));
            Assert.Equal("HIT", EdgeCache(brotliHit));
            Assert.Equal(["br"], brotliHit.Content.Headers.ContentEncoding);
            Assert.False(identityHit.Headers.Contains("X-Accel-Expires"));
            Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
            Assert.Contains("<h1>Post 3, revalidated</h1>", await identityAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("<h1>Post 3, revalidated</h1>", await BrotliTextAsync(brotliAfter), StringComparison.Ordinal);
        }
    }

    [NginxFact]
    public async Task ATagInvalidatedInStaleMode_IsPurgedFromNginx_SoTheNextRequestReachesIsrBuild_ThenTheNewPageIsCached()
    {
        var (site, nginx) = await StartAsync("tag");
        using (site)
        using (nginx)
        {
            using var client = Client(nginx, acceptEncoding: "br");
            await client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/5", null);
            await client.GetAsync("/posts/5");
            var held = await client.GetAsync("/posts/5");
            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 5, "Post 5, after the tag");

            var invalidate = await client.PostAsync($"/api/revalidate?secret={Secret}&tag=posts&mode=stale", null);

            Assert.Equal("HIT", EdgeCache(held));
            Assert.Equal(HttpStatusCode.OK, invalidate.StatusCode);
            // The tag's pages are purged in the background: once purged, nginx asks IsrBuild, which serves the old page
            // STALE (never kept by nginx) and regenerates it; then the new page is cached.
            await Eventually.TrueAsync(
                async () =>
                {
                    using var response = await client.GetAsync("/posts/5");
                    return EdgeCache(response) == "HIT" && (await BrotliTextAsync(response)).Contains("<h1>Post 5, after the tag</h1>", StringComparison.Ordinal);
                },
                "nginx holds the regenerated page");
        }
    }

    [NginxFact]
    public async Task AStaleAnswerIsNeverKept_AndOnceRegeneratedNginxServesTheNewPage()
    {
        var (site, nginx) = await StartAsync("stale", ("Blog__RevalidateSeconds", "1"));
        using (site)
        using (nginx)
        {
            using var client = Client(nginx, acceptEncoding: null);

            // Regenerated at run time, the page takes the host's 1 s interval.
            await client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/7", null);
            await client.GetAsync("/posts/7");
            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 7, "Post 7, after its interval");
            var answers = new List<(string Edge, string Isr)>();
            await Eventually.TrueAsync(
                async () =>
                {
                    var response = await client.GetAsync("/posts/7");
                    answers.Add((EdgeCache(response), response.Headers.TryGetValues(CacheHeader, out var state) ? state.Single() : "(none)"));
                    return (await response.Content.ReadAsStringAsync()).Contains("<h1>Post 7, after its interval</h1>", StringComparison.Ordinal);
                },
                "nginx serves the regenerated page",
                () => site.Output);

            Assert.Contains(answers, answer => answer.Isr == "STALE");
            Assert.DoesNotContain(answers, answer => answer.Edge == "HIT" && answer.Isr == "STALE");
        }
    }

    [NginxFact]
    public async Task DraftAndDevelopmentAnswers_AreNeverCachedAtTheEdge()
    {
        var (site, nginx) = await StartAsync("draft");
        var (development, developmentNginx) = await StartAsync("development", ("Isr__DevelopmentMode", "true"));
        using (site)
        using (nginx)
        using (development)
        using (developmentNginx)
        {
            using var editor = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = nginx.Address };
            var enable = await editor.GetAsync($"/api/revalidate/draft?secret={Secret}&path=/posts/5");
            var cookie = enable.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            var drafts = new List<HttpResponseMessage>();
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/posts/5");
                request.Headers.Add("Cookie", cookie);
                drafts.Add(await editor.SendAsync(request));
            }

            using var developmentClient = Client(developmentNginx, acceptEncoding: null);
            var developmentAnswers = new[] { await developmentClient.GetAsync("/posts/5"), await developmentClient.GetAsync("/posts/5") };

            Assert.All(drafts, draft => Assert.Equal("DRAFT", draft.Headers.GetValues(CacheHeader).Single()));
            Assert.All(drafts, draft => Assert.NotEqual("HIT", EdgeCache(draft)));
            Assert.All(developmentAnswers, answer => Assert.Equal("DEV", answer.Headers.GetValues(CacheHeader).Single()));
            Assert.All(developmentAnswers, answer => Assert.NotEqual("HIT", EdgeCache(answer)));
        }
    }

    [NginxFact]
    public async Task NginxServesTheLastPage_WhileTheHostIsStopped_EvenPastItsFreshness()
    {
        // Fresh for a few seconds, so nginx keeps it (X-Accel-Expires counts whole seconds left, rounding down).
        var (site, nginx) = await StartAsync("stopped", ("Blog__RevalidateSeconds", "3"));
        using (nginx)
        {
            using var client = Client(nginx, acceptEncoding: null);
            using (site)
            {
                await client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/9", null);
                await client.GetAsync("/posts/9");
                site.Kill();
            }

            HttpResponseMessage whileStopped = null!;
            await Eventually.TrueAsync(
                async () => EdgeCache(whileStopped = await client.GetAsync("/posts/9")) == "STALE",
                "nginx's copy is past its freshness and still served");

            Assert.Equal(HttpStatusCode.OK, whileStopped.StatusCode);
            Assert.Contains("<h1>Post 9</h1>", await whileStopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [NginxAndRedisFact]
    public async Task TwoHostsOnOneRedis_EachBehindItsOwnNginx_ARevalidationOnOnePurgesBoth()
    {
        using var redis = await RedisServer.StartAsync();
        var redisSettings = new[] { ("Isr__Redis__Configuration", redis.Configuration), ("Isr__Redis__CatchUpSeconds", "1") };
        var (first, firstNginx) = await StartAsync("first", redisSettings);
        var (second, secondNginx) = await StartAsync("second", redisSettings);
        using (first)
        using (firstNginx)
        using (second)
        using (secondNginx)
        {
            using var firstClient = Client(firstNginx, acceptEncoding: null);
            using var secondClient = Client(secondNginx, acceptEncoding: null);
            await firstClient.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/11", null);
            await Eventually.TrueAsync(async () => (await second.Client.GetAsync("/posts/11")).Headers.Age < TimeSpan.FromSeconds(60), "the second host has the fresh page", () => second.Output);
            await firstClient.GetAsync("/posts/11");
            await secondClient.GetAsync("/posts/11");
            Assert.Equal("HIT", EdgeCache(await secondClient.GetAsync("/posts/11")));

            await SampleDatabase.SetTitleAsync(_directory.Combine("blog.db"), 11, "Post 11, revalidated on the first host");
            var revalidate = await firstClient.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/11", null);

            Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
            Assert.Contains("<h1>Post 11, revalidated on the first host</h1>", await firstClient.GetStringAsync("/posts/11"), StringComparison.Ordinal);
            await Eventually.TrueAsync(
                async () => (await secondClient.GetStringAsync("/posts/11")).Contains("<h1>Post 11, revalidated on the first host</h1>", StringComparison.Ordinal),
                "the second host's nginx serves the page revalidated on the first host",
                () => second.Output);
        }
    }

    /// <summary>A host of the published sample and the recipe's nginx in front of it, the host purging that nginx.</summary>
    private Task<(SiteProcess Site, NginxProcess Nginx)> StartAsync(string name, params (string Name, string Value)[] settings) =>
        RecipeStack.StartAsync(_directory, _sample, name, Secret, settings);

    /// <summary>A client of <paramref name="nginx"/> asking for one representation; bodies come as sent (nothing decompressed).</summary>
    private static HttpClient Client(NginxProcess nginx, string? acceptEncoding)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = nginx.Address,
        };
        if (acceptEncoding is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Encoding", acceptEncoding);
        }

        return client;
    }

    private static async Task<string> BrotliTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        await using var brotli = new System.IO.Compression.BrotliStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        return await reader.ReadToEndAsync();
    }

    private static string EdgeCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Edge-Cache", out var values) ? values.Single() : "(none)";
}
