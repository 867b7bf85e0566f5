namespace IsrBuild.Tests.Serving;

public sealed class FallbackModeTests : ServingTestBase
{
    [Fact]
    public async Task FallbackFalse_UnknownPath_Is404_WithoutCallingStaticProps()
    {
        Backend.Titles["x"] = "Exists in the backend";

        var (response, body) = await GetAsync("/false/x");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(string.Empty, body);
        Assert.Equal("(none)", CacheState(response));
        Assert.Equal(0, Backend.Calls("x"));
    }

    [Fact]
    public async Task FallbackBlocking_ConcurrentFirstRequests_ShareOneRender()
    {
        Backend.Titles["new"] = "New";
        Backend.CloseGate();

        var requests = Enumerable.Range(0, 50).Select(_ => GetAsync("/blocking/new")).ToArray();
        await Eventually.TrueAsync(() => Task.FromResult(Backend.Calls("new") == 1), "the first render started");
        Backend.OpenGate();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Contains("<h1>New</h1>", r.Body, StringComparison.Ordinal));
        Assert.Equal(1, Backend.Calls("new"));
    }

    [Fact]
    public async Task FallbackBlocking_FirstRenderThatFails_Answers500AndCachesNothing()
    {
        Backend.Titles["x"] = "Eventually fine";
        Backend.Failing["x"] = true;

        var (failed, _) = await GetAsync("/blocking/x");
        Backend.Failing["x"] = false;
        var (retried, body) = await GetAsync("/blocking/x");

        Assert.Equal(500, (int)failed.StatusCode);
        Assert.Equal("private, no-cache, no-store, max-age=0, must-revalidate", CacheControl(failed));
        Assert.Equal(200, (int)retried.StatusCode);
        Assert.Equal("MISS", CacheState(retried));
        Assert.Contains("<h1>Eventually fine</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FallbackBlocking_PathThatIsNotFound_Is404_AndRememberedBriefly_WithoutWritingToDisk()
    {
        var (first, _) = await GetAsync("/blocking/missing");
        var (second, _) = await GetAsync("/blocking/missing");

        Assert.Equal(404, (int)first.StatusCode);
        Assert.Equal(404, (int)second.StatusCode);
        Assert.Equal(1, Backend.Calls("missing"));
        Assert.Equal(0, RegeneratedRows());

        Clock.Advance(TimeSpan.FromSeconds(61));
        await GetAsync("/blocking/missing");
        Assert.Equal(2, Backend.Calls("missing"));
    }

    [Fact]
    public async Task FallbackTrue_VisitorGetsTheFallbackRenderingAtOnce_ThenThePage()
    {
        Backend.Titles["x"] = "Generated";

        var (fallback, fallbackBody) = await GetAsync("/background/x", r => r.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"));

        Assert.Equal(200, (int)fallback.StatusCode);
        Assert.Equal("MISS", CacheState(fallback));
        Assert.Equal("private, no-cache, no-store, max-age=0, must-revalidate", CacheControl(fallback));
        Assert.Contains("Loading", fallbackBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Generated", fallbackBody, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await GetAsync("/background/x")).Body.Contains("<h1>Generated</h1>", StringComparison.Ordinal), "the page generated in the background is served");
        Assert.Equal(1, Backend.Calls("x"));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0)")]
    public async Task FallbackTrue_CrawlerGetsTheBlockingRender(string userAgent)
    {
        Backend.Titles["x"] = "For crawlers";

        var (response, body) = await GetAsync("/background/x", r => r.Headers.TryAddWithoutValidation("User-Agent", userAgent));

        Assert.True(CacheState(response) == "MISS", string.Join("\n", Host.Log.Entries.Select(e => $"{e.EventId} {e.Message} {e.Exception}")));
        Assert.Contains("<h1>For crawlers</h1>", body, StringComparison.Ordinal);
        Assert.StartsWith("s-maxage=10", CacheControl(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FallbackTrue_BackgroundRenderThatFails_IsLoggedAsABackgroundFailure_NotAsA500()
    {
        Backend.Failing["x"] = true;

        var (fallback, _) = await GetAsync("/background/x");

        Assert.Equal(200, (int)fallback.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(Host.Log.Entries.Any(e => e.EventId == 20)), "the background failure is logged");
        var entry = Host.Log.Entries.Single(e => e.EventId == 20);
        Assert.Contains("/background/x", entry.Message, StringComparison.Ordinal);
        Assert.Contains("in the background", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("500", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Log.Entries, e => e.EventId == 6);
    }
}
