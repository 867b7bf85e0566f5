using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Regeneration;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Revalidation;

public sealed class RevalidationTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public RevalidationTests() => ExtraConfiguration = options =>
    {
        options.RevalidateSecret = Secret;
        options.MaxRevalidateItems = 5;
        options.RevalidateFailuresPerMinute = 3;
    };

    [Fact]
    public async Task SecretInTheQuery_RegeneratesThePathBeforeAnswering()
    {
        Backend.Titles["a"] = "Before";
        await GetAsync("/blocking/a");
        Backend.Titles["a"] = "After";

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");
        var (page, body) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("revalidated").GetBoolean());
        var result = Assert.Single(json.GetProperty("results").EnumerateArray());
        Assert.Equal("/blocking/a", result.GetProperty("path").GetString());
        Assert.Equal("regenerated", result.GetProperty("status").GetString());
        Assert.Equal("HIT", CacheState(page));
        Assert.Contains("<h1>After</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretAsABearerToken_WithAJsonBodyOfPaths_RegeneratesEachPath()
    {
        foreach (var slug in new[] { "a", "b", "c" })
        {
            Backend.Titles[slug] = "Old " + slug;
            await GetAsync($"/blocking/{slug}");
            Backend.Titles[slug] = "New " + slug;
        }

        var (status, json) = await Client.RevalidateAsync("/api/revalidate", Secret, body: """{"paths": ["/blocking/a", "/blocking/b/", "/blocking/c"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["/blocking/a", "/blocking/b", "/blocking/c"], json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()));
        foreach (var slug in new[] { "a", "b", "c" })
        {
            Assert.Contains($"<h1>New {slug}</h1>", (await GetAsync($"/blocking/{slug}")).Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RepeatedPathParameter_RevalidatesABatch()
    {
        Backend.Titles["a"] = "A";
        Backend.Titles["b"] = "B";

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a&path=/blocking/b");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, json.GetProperty("results").GetArrayLength());
        Assert.Equal(1, Backend.Calls("a"));
        Assert.Equal(1, Backend.Calls("b"));
    }

    [Fact]
    public async Task Tag_RegeneratesEveryCachedPageCarryingIt_AndCountsThem()
    {
        foreach (var slug in new[] { "a", "b", "c" })
        {
            Backend.Titles[slug] = "Old";
            await GetAsync($"/blocking/{slug}");
            Backend.Titles[slug] = "Tagged " + slug;
        }

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&tag=items");

        Assert.Equal(HttpStatusCode.OK, status);
        var tag = Assert.Single(json.GetProperty("tags").EnumerateArray());
        Assert.Equal("items", tag.GetProperty("tag").GetString());
        Assert.Equal(3, tag.GetProperty("pages").GetInt32());
        Assert.Equal(3, tag.GetProperty("regenerated").GetInt32());
        Assert.False(json.TryGetProperty("results", out _), "a tag's pages are counted, not listed");
        Assert.Contains("<h1>Tagged b</h1>", (await GetAsync("/blocking/b")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMisspeltTagOrAPrefixMatchingNoPage_IsNamedInTheAnswer_AndLogged()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/blocking/a");

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&tag=itmes&path=/nowhere/*");
        var (_, matching) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&tag=items");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, json.GetProperty("tags")[0].GetProperty("pages").GetInt32());
        Assert.Contains("No page matches tag 'itmes', prefix '/nowhere/*'", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(Host.Log.AllEntries, entry => entry.EventId == 39 && entry.Message.Contains("tag 'itmes'", StringComparison.Ordinal));
        Assert.False(matching.TryGetProperty("message", out _), "a tag that matches pages needs no word");
    }

    [Fact]
    public async Task DeletedItem_BecomesA404_AndLeavesTheCache()
    {
        Backend.Titles["a"] = "Doomed";
        await GetAsync("/blocking/a");
        var rowsWhileThePageExisted = RegeneratedRows();
        Backend.Titles.TryRemove("a", out _);

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");
        var (page, _) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("notFound", json.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(1, rowsWhileThePageExisted);
        Assert.Equal(0, RegeneratedRows());
    }

    [Fact]
    public async Task OnDemandCall_DuringABackgroundRegenerationWithOldData_AnswersWithTheNewData()
    {
        Backend.Titles["a"] = "Old";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(11));
        Backend.CloseGate();
        await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Task.FromResult(Backend.Calls("a") == 2), "the background regeneration read the old data");

        Backend.Titles["a"] = "New";
        var call = Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");
        Backend.OpenGate();
        var (status, _) = await call;
        var (page, body) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>New</h1>", body, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(page));
        Assert.Equal(3, Backend.Calls("a"));
    }

    [Fact]
    public async Task ConcurrentOnDemandCalls_WaitOutTheRenderUnderWay_ThenShareOneFreshRender()
    {
        Backend.Titles["a"] = "Old";
        await GetAsync("/blocking/a");
        var regenerator = Host.Services.GetRequiredService<IsrBuild.Regeneration.PageRegenerator>();
        var page = Host.Services.GetRequiredService<IsrBuild.Generation.PageCatalog>().Pages.Single(p => p.Type == typeof(BlockingItemPage));
        var values = new Dictionary<string, string> { ["slug"] = "a" };
        Backend.CloseGate();

        var calls = Enumerable.Range(0, 5)
            .Select(_ => regenerator.GenerateFreshAsync(page, "/blocking/a", values, GenerationReason.OnDemand))
            .ToArray();
        Backend.Titles["a"] = "New";
        Backend.OpenGate();
        var pages = await Task.WhenAll(calls);

        // The first call's render read "Old" before the change; the other four arrived during it, so they waited
        // for it and then shared one render of their own, which read "New".
        Assert.Equal(3, Backend.Calls("a"));
        Assert.All(pages[1..], p => Assert.Same(pages[1], p));
        Assert.Contains("<h1>New</h1>", (await GetAsync("/blocking/a")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeverGeneratedPathOfABlockingPage_IsGenerated()
    {
        Backend.Titles["fresh"] = "Fresh";

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/fresh");
        var (page, _) = await GetAsync("/blocking/fresh");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("regenerated", json.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("HIT", CacheState(page));
    }

    [Theory]
    [InlineData("/nothing/matches/this")]
    [InlineData("/false/x")]
    public async Task PathNoPageHas_Answers404WithAMessage(string path)
    {
        Backend.Titles["x"] = "Exists";

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path={path}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(path, json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Backend.Calls("x"));
    }

    [Fact]
    public async Task FailedRegeneration_Answers500_AndTheLastGoodPageStays()
    {
        Backend.Titles["a"] = "Good";
        await GetAsync("/blocking/a");
        Backend.Failing["a"] = true;

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");
        var (page, body) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.False(json.GetProperty("revalidated").GetBoolean());
        Assert.Equal("failed", json.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Contains("The backend is down", json.GetProperty("results")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Good</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWithoutABody_AsCurlSendsIt_RevalidatesTheQuerysPaths()
    {
        Backend.Titles["a"] = "Before";
        await GetAsync("/blocking/a");
        Backend.Titles["a"] = "After";

        // `curl -X POST -H "Authorization: Bearer ..." ".../api/revalidate?path=..."`: no Content-Length, no body.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(Client.BaseAddress!.Host, Client.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/revalidate?path=/blocking/a HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {Secret}\r\nConnection: close\r\n\r\n"));
        var answer = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains("<h1>After</h1>", (await GetAsync("/blocking/a")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedOnDemandRegeneration_IsLoggedWithItsPathAndReason_NeverTheSecret()
    {
        Backend.Titles["a"] = "Good";
        await GetAsync("/blocking/a");
        Backend.Failing["a"] = true;

        await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        var entry = Assert.Single(Host.Log.Entries, e => e.EventId == 19);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, entry.Level);
        Assert.Contains("/blocking/a", entry.Message, StringComparison.Ordinal);
        Assert.Contains("on demand", entry.Message, StringComparison.Ordinal);
        Assert.Contains("The backend is down", entry.Exception!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Log.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?secret=wrong&path=/blocking/a")]
    public async Task WrongOrMissingSecret_Answers401InvalidToken(string query)
    {
        Backend.Titles["a"] = "A";

        var (status, json) = await Client.RevalidateAsync("/api/revalidate" + query);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Invalid token", json.GetProperty("message").GetString());
        Assert.Equal(0, Backend.Calls("a"));
    }

    [Fact]
    public async Task RepeatedFailedAuthentications_AreRateLimitedPerClient_ButTheRightSecretIsStillAccepted()
    {
        Backend.Titles["a"] = "A";
        var failures = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 40; attempt++)
        {
            failures.Add((await Client.RevalidateAsync("/api/revalidate?secret=guess&path=/blocking/a")).Status);
        }

        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), failures.Take(3));
        Assert.All(failures.Skip(3), failure => Assert.Equal(HttpStatusCode.TooManyRequests, failure));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("revalidated").GetBoolean());
    }

    [Fact]
    public async Task TheDraftRoute_AcceptsTheRightSecret_AfterManyWrongOnes()
    {
        Backend.Titles["a"] = "A";
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await Client.GetAsync("/api/revalidate/draft?secret=guess&path=/blocking/a");
        }

        using var response = await Client.GetAsync($"/api/revalidate/draft?secret={Secret}&path=/blocking/a");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }

    [Theory]
    [InlineData("path=posts/1")]
    [InlineData("path=https://evil.example/x")]
    [InlineData("path=//evil.example/x")]
    [InlineData("path=/blocking/../false/x")]
    [InlineData("path=/blocking/a%00b")]
    [InlineData("path=/blocking/a%3Fx=1")]
    [InlineData("tag=")]
    [InlineData("path=/blocking/1&path=/blocking/2&path=/blocking/3&path=/blocking/4&path=/blocking/5&path=/blocking/6")]
    [InlineData("")]
    [InlineData("path=/blocking/a&locale=fr")]
    public async Task MalformedInput_Answers400_AndWritesNothing(string query)
    {
        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("message").GetString()));
        Assert.Equal(0, RegeneratedRows());
    }

    [Fact]
    public async Task OverlongPath_Answers400()
    {
        var (status, _) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/{new string('x', 2048)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("{\"paths\": [")]
    [InlineData("{\"paths\": \"/blocking/a\"}")]
    public async Task MalformedJsonBody_Answers400(string body)
    {
        var (status, json) = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("JSON", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CSharpApi_RevalidatesWithTheSameSemantics()
    {
        Backend.Titles["a"] = "Before";
        await GetAsync("/blocking/a");
        Backend.Titles["a"] = "From code";
        var revalidator = Host.Services.GetRequiredService<IIsrRevalidator>();

        var result = await revalidator.RevalidateAsync(["/blocking/a", "/nowhere"], ["item:a"]);

        Assert.Equal(
            [new PathRevalidationResult("/blocking/a", PathRevalidationStatus.Regenerated), new PathRevalidationResult("/nowhere", PathRevalidationStatus.NoMatch)],
            result.Paths);
        Assert.Equal([new TargetRevalidationResult(InvalidationScope.Tag, "item:a") { Pages = 1, Regenerated = 1 }], result.Targets);
        Assert.Contains("<h1>From code</h1>", (await GetAsync("/blocking/a")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_AreJson()
    {
        using var response = await Client.GetAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class RevalidationWithoutSecretTests : ServingTestBase
{
    [Fact]
    public async Task WithoutASecret_TheRouteIsOff()
    {
        using var response = await Client.GetAsync("/api/revalidate?secret=&path=/blocking/a");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class RevalidationOnlyGeneratedTests : ServingTestBase
{
    public RevalidationOnlyGeneratedTests() => ExtraConfiguration = options =>
    {
        options.RevalidateSecret = "only-generated-secret-of-32-characters!!";
        options.RevalidateOnlyGenerated = true;
    };

    [Fact]
    public async Task NeverGeneratedPath_IsSkipped_AndNothingIsCreated()
    {
        Backend.Titles["fresh"] = "Fresh";

        using var response = await Client.GetAsync("/api/revalidate?secret=only-generated-secret-of-32-characters!!&path=/blocking/fresh");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("skipped", json.RootElement.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(0, Backend.Calls("fresh"));
    }
}
