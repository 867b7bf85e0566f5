using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IsrBuild.Coordination;
using IsrBuild.Regeneration;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Revalidation;

/// <summary>Modes <c>stale</c> and <c>expire</c>, prefixes, the large-set background of mode <c>now</c>, and hard expiry.</summary>
public sealed class InvalidationTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";
    private static readonly string[] Slugs = ["a", "b", "c"];

    public InvalidationTests() => ExtraConfiguration = options =>
    {
        options.RevalidateSecret = Secret;
        options.MaxRevalidateNowPages = 2;
        options.ExpireSeconds = 60;
    };

    [Fact]
    public async Task StaleMode_ByTag_ServesEachPageStaleOnce_ThenTheNewOne_AndCountsNoPages()
    {
        await GenerateAsync("a", "b");

        var (status, json) = await Client.RevalidateAsync("/api/revalidate?tag=items&mode=stale", Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("stale", json.GetProperty("mode").GetString());
        Assert.True(json.TryGetProperty("invalidatedAt", out _));
        Assert.False(json.TryGetProperty("results", out _));
        var tag = Assert.Single(json.GetProperty("tags").EnumerateArray());
        Assert.Equal("items", tag.GetProperty("tag").GetString());
        Assert.False(tag.TryGetProperty("pages", out _), "stale mode records a time; it counts no pages");

        var (stale, staleBody) = await GetAsync("/blocking/a");
        Assert.Equal("STALE", CacheState(stale));
        Assert.Contains("<h1>Old a</h1>", staleBody, StringComparison.Ordinal);
        Assert.Equal("0", stale.Headers.GetValues("X-Accel-Expires").Single());
        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/a")).Body.Contains("<h1>New a</h1>", StringComparison.Ordinal), "the page regenerates");
        var (fresh, _) = await GetAsync("/blocking/a");
        Assert.Equal("HIT", CacheState(fresh));
        Assert.Equal(2, Backend.Calls("a"));
        Assert.Equal(1, Backend.Calls("b"));
    }

    [Fact]
    public async Task ExpireMode_ByPrefix_RendersThePagesBelowItInTheRequest_AndLeavesTheRest()
    {
        Backend.Titles["home"] = "Old home";
        await GetAsync("/");
        await GenerateAsync("a");
        Backend.Titles["home"] = "New home";

        var (status, json) = await Client.RevalidateAsync("/api/revalidate?path=/blocking/*&mode=expire", Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/blocking/*", Assert.Single(json.GetProperty("prefixes").EnumerateArray()).GetProperty("prefix").GetString());
        var (expired, body) = await GetAsync("/blocking/a");
        Assert.Equal("MISS", CacheState(expired));
        Assert.Contains("<h1>New a</h1>", body, StringComparison.Ordinal);
        var (home, homeBody) = await GetAsync("/");
        Assert.Equal("HIT", CacheState(home));
        Assert.Contains("<h1>Old home</h1>", homeBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPagePrefix_MarksEveryPageStale()
    {
        Backend.Titles["home"] = "Home";
        await GetAsync("/");
        await GenerateAsync("a");

        var (status, _) = await Client.RevalidateAsync("/api/revalidate?path=/*&mode=stale", Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("STALE", CacheState((await GetAsync("/")).Response));
        Assert.Equal("STALE", CacheState((await GetAsync("/blocking/a")).Response));
    }

    [Fact]
    public async Task NowMode_OverMaxRevalidateNowPages_MarksThemStale_Answers202_AndRegeneratesEachOnceInTheBackground_HoweverManyTargetsMatchIt()
    {
        await GenerateAsync(Slugs);

        var (status, json) = await Client.RevalidateAsync("/api/revalidate?tag=items&path=/blocking/*", Secret);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var tag = Assert.Single(json.GetProperty("tags").EnumerateArray());
        Assert.Equal(3, tag.GetProperty("pages").GetInt32());
        Assert.Equal(3, tag.GetProperty("queued").GetInt32());
        Assert.Equal(3, Assert.Single(json.GetProperty("prefixes").EnumerateArray()).GetProperty("queued").GetInt32());
        Assert.StartsWith("3 pages are marked stale and regenerate in the background", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        foreach (var slug in Slugs)
        {
            await Eventually.TrueAsync(async () => (await GetAsync($"/blocking/{slug}")).Body.Contains($"<h1>New {slug}</h1>", StringComparison.Ordinal), $"{slug} regenerates");
        }

        await Eventually.TrueAsync(() => Task.FromResult(Host.Services.GetRequiredService<IsrBuild.Regeneration.BackgroundRevalidation>().Pending == 0), "the background set is done");
        Assert.Equal([2, 2, 2], Slugs.Select(Backend.Calls));
    }

    [Fact]
    public async Task Invalidations_SurviveARestart()
    {
        await GenerateAsync("a");
        await Client.RevalidateAsync("/api/revalidate?tag=item:a&mode=stale", Secret);

        await RestartAsync();
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("STALE", CacheState(response));
        Assert.Contains("<h1>Old a</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARollbackToAKeptBuild_HonoursTheInvalidationsMadeSinceItWasReplaced()
    {
        await GenerateAsync("a");
        BuildId = "the-next-build";
        await RestartAsync();
        await Client.RevalidateAsync("/api/revalidate?tag=item:a&mode=stale", Secret);

        BuildId = "test-build";
        await RestartAsync();
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("STALE", CacheState(response));
        Assert.Contains("<h1>Old a</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleMode_ForAPathNoPageHas_Is404_AndAnUnknownModeIs400()
    {
        var (missing, missingJson) = await Client.RevalidateAsync("/api/revalidate?path=/nowhere/at/all&mode=stale", Secret);
        var (bad, badJson) = await Client.RevalidateAsync("/api/revalidate?path=/blocking/a&mode=later", Secret);

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("noMatch", missingJson.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("not a mode", badJson.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusRoute_NamesTheInvalidationThatMadeThePageStale()
    {
        await GenerateAsync("a");
        await Client.RevalidateAsync("/api/revalidate?tag=items&mode=stale", Secret);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/revalidate/status?path=/blocking/a");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var response = await Client.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var status = document.RootElement;
        Assert.True(status.GetProperty("stale").GetBoolean());
        var by = status.GetProperty("invalidatedBy");
        Assert.Equal("tag", by.GetProperty("scope").GetString());
        Assert.Equal("items", by.GetProperty("target").GetString());
        Assert.Equal("stale", by.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task PageOlderThanExpireSeconds_RendersInTheRequest_InsteadOfBeingServedStale()
    {
        await GenerateAsync("a");
        Clock.Advance(TimeSpan.FromSeconds(61));

        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("MISS", CacheState(response));
        Assert.Contains("<h1>New a</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredPageWhoseRenderFails_ServesTheLastGoodPageStale()
    {
        await GenerateAsync("a");
        Backend.Failing["a"] = true;
        await Client.RevalidateAsync("/api/revalidate?path=/blocking/a&mode=expire", Secret);

        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("STALE", CacheState(response));
        Assert.Contains("<h1>Old a</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CSharpApi_TakesPrefixesAndAMode()
    {
        await GenerateAsync("a");
        var revalidator = Host.Services.GetRequiredService<IIsrRevalidator>();

        var result = await revalidator.RevalidateAsync(["/blocking/*"], [], RevalidationMode.Expire);

        var invalidation = Assert.Single(result.Invalidations);
        Assert.Equal((InvalidationScope.Prefix, "/blocking", InvalidationMode.Expire), (invalidation.Scope, invalidation.Target, invalidation.Mode));
        Assert.Equal([new TargetRevalidationResult(InvalidationScope.Prefix, "/blocking/*")], result.Targets);
        Assert.Equal("MISS", CacheState((await GetAsync("/blocking/a")).Response));
    }

    /// <summary>Generates the pages with "Old" titles, moves the clock on, and gives the data "New" titles.</summary>
    private async Task GenerateAsync(params string[] slugs)
    {
        foreach (var slug in slugs)
        {
            Backend.Titles[slug] = "Old " + slug;
            await GetAsync($"/blocking/{slug}");
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var slug in slugs)
        {
            Backend.Titles[slug] = "New " + slug;
        }
    }
}
