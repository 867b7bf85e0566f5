using IsrBuild.Regeneration;
using Microsoft.Extensions.DependencyInjection;
namespace IsrBuild.Tests.Regeneration;

public sealed class StaleWhileRevalidateTests : ServingTestBase
{
    [Fact]
    public async Task FirstRequest_RendersTheBlockingPage_ThenItIsServedFromMemoryAsHit()
    {
        Backend.Titles["a"] = "First";

        var (first, firstBody) = await GetAsync("/blocking/a");
        var (second, secondBody) = await GetAsync("/blocking/a");

        Assert.Equal("MISS", CacheState(first));
        Assert.Equal("HIT", CacheState(second));
        Assert.Contains("<h1>First</h1>", secondBody, StringComparison.Ordinal);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal(1, Backend.Calls("a"));
        Assert.Equal("s-maxage=10, stale-while-revalidate=31535990", CacheControl(second));
    }

    [Fact]
    public async Task StalePage_IsServedStaleToEveryone_AndRegeneratedExactlyOnce_For200ConcurrentRequests()
    {
        Backend.Titles["a"] = "Old";
        await GetAsync("/blocking/a");
        Backend.Titles["a"] = "New";
        Backend.CloseGate();
        Clock.Advance(TimeSpan.FromSeconds(11));

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => GetAsync("/blocking/a")));

        Assert.All(responses, r => Assert.Equal("STALE", CacheState(r.Response)));
        Assert.All(responses, r => Assert.Contains("<h1>Old</h1>", r.Body, StringComparison.Ordinal));
        Backend.OpenGate();
        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/a")).Body.Contains("<h1>New</h1>", StringComparison.Ordinal), "the regenerated page is served");
        var (after, _) = await GetAsync("/blocking/a");
        Assert.Equal("HIT", CacheState(after));
        Assert.Equal(2, Backend.Calls("a"));
    }

    [Theory]
    [InlineData("Purpose", "prefetch")]
    [InlineData("Sec-Purpose", "prefetch;prerender")]
    public async Task PrefetchOfAStalePage_GetsTheStalePage_ButStartsNoRegeneration(string header, string value)
    {
        Backend.Titles["a"] = "Old";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(11));
        Backend.CloseGate();

        var (prefetch, _) = await GetAsync("/blocking/a", r => r.Headers.TryAddWithoutValidation(header, value));

        // A stale page is queued before its response is sent, and with the gate closed a queued regeneration cannot
        // finish: a path not queued now was never queued.
        Assert.False(Host.Services.GetRequiredService<RegenerationQueue>().StatusOf("/blocking/a").Queued);
        Assert.Equal("STALE", CacheState(prefetch));
        Assert.Equal(1, Backend.Calls("a"));
        Backend.OpenGate();

        var (visit, _) = await GetAsync("/blocking/a");
        Assert.Equal("STALE", CacheState(visit));
        await Eventually.TrueAsync(() => Task.FromResult(Backend.Calls("a") == 2), "the visit regenerates the page");
    }

    [Fact]
    public async Task PageYoungerThanItsInterval_IsNotRegenerated()
    {
        Backend.Titles["a"] = "Title";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(9));

        var (response, _) = await GetAsync("/blocking/a");

        Assert.Equal("HIT", CacheState(response));
        Assert.Equal(1, Backend.Calls("a"));
        Assert.Equal("9", response.Headers.Age!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task NeverRevalidatedPage_StaysFreshForAYear_AndSaysSo()
    {
        Backend.RevalidateSeconds = null;
        Backend.Titles["a"] = "Forever";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromDays(400));

        var (response, _) = await GetAsync("/blocking/a");

        Assert.Equal("HIT", CacheState(response));
        Assert.Equal("s-maxage=31536000", CacheControl(response));
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public async Task FailingRegeneration_KeepsServingTheLastGoodPage_AndRetriesOnlyAfterABackoff()
    {
        Backend.Titles["a"] = "Good";
        await GetAsync("/blocking/a");
        Backend.Failing["a"] = true;
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (stale, staleBody) = await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Task.FromResult(Backend.Calls("a") == 2), "the failing regeneration ran");
        await Task.Yield();
        var (again, againBody) = await GetAsync("/blocking/a");
        var (thrice, _) = await GetAsync("/blocking/a");

        Assert.Equal(200, (int)stale.StatusCode);
        Assert.Contains("<h1>Good</h1>", staleBody, StringComparison.Ordinal);
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Contains("<h1>Good</h1>", againBody, StringComparison.Ordinal);
        Assert.Equal("STALE", CacheState(thrice));
        Assert.Equal(2, Backend.Calls("a"));

        Backend.Failing["a"] = false;
        Backend.Titles["a"] = "Recovered";
        await Eventually.TrueAsync(
            async () =>
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                return (await GetAsync("/blocking/a")).Body.Contains("<h1>Recovered</h1>", StringComparison.Ordinal);
            },
            "a retry once the back-off has passed succeeds");
        Assert.Equal(3, Backend.Calls("a"));
    }

    [Fact]
    public async Task RegenerationThatTimesOut_KeepsTheLastGoodPage()
    {
        Backend.Titles["a"] = "Good";
        await GetAsync("/blocking/a");
        Backend.CloseGate();
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Task.FromResult(Backend.Calls("a") == 2), "the regeneration started");

        Clock.Advance(TimeSpan.FromSeconds(61));
        Backend.Titles["a"] = "Too late";
        Backend.OpenGate();
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("<h1>Good</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundDuringRegeneration_Answers404AfterTheStaleResponse()
    {
        Backend.Titles["a"] = "Soon gone";
        await GetAsync("/blocking/a");
        Backend.Titles.TryRemove("a", out _);
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (stale, _) = await GetAsync("/blocking/a");
        Assert.Equal("STALE", CacheState(stale));

        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/a")).Response.StatusCode == System.Net.HttpStatusCode.NotFound, "the page is gone");
        var (gone, _) = await GetAsync("/blocking/a");
        Assert.Equal("s-maxage=31536000", CacheControl(gone));
    }

    [Fact]
    public async Task RedirectDuringRegeneration_Answers308WithTheLocation()
    {
        Backend.Titles["a"] = "Moving";
        await GetAsync("/blocking/a");
        Backend.Redirects["a"] = "/blocking/b";
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/a");

        await Eventually.TrueAsync(async () => (int)(await GetAsync("/blocking/a")).Response.StatusCode == 308, "the redirect is served");
        var (response, _) = await GetAsync("/blocking/a");
        Assert.Equal("/blocking/b", response.Headers.Location!.OriginalString);
    }
}
