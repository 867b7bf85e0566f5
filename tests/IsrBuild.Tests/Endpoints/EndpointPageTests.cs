using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Endpoints;

/// <summary>
/// The app's own endpoints as ISR pages: a minimal API with <c>WithIsr</c> and an MVC controller with
/// <see cref="IsrAttribute"/>, served, regenerated and revalidated as <see cref="IsrPage"/> pages are, each render on a
/// request of its own.
/// </summary>
public sealed class EndpointPageTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public EndpointPageTests()
    {
        ExtraConfiguration = options => options.RevalidateSecret = Secret;
        Services = services => services.AddControllers();
        MapApp = TestEndpoints.Map;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMinimalApiPage_IsAMissOnce_ThenAHit_RenderedOnce_WhereverMapIsrStands(bool mapBeforeIsr)
    {
        MapBeforeIsr = mapBeforeIsr;
        await RestartAsync();
        Backend.Titles["a"] = "Alpha";

        var (miss, missBody) = await GetAsync("/minimal/a");
        var (hit, hitBody) = await GetAsync("/minimal/a");

        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Equal("MISS", CacheState(miss));
        Assert.Equal("HIT", CacheState(hit));
        Assert.Contains("<h1>Alpha</h1>", hitBody, StringComparison.Ordinal);
        Assert.Equal(missBody, hitBody);
        Assert.Equal("text/html; charset=utf-8", hit.Content.Headers.ContentType?.ToString());
        Assert.NotNull(hit.Headers.ETag);
        Assert.Equal("s-maxage=10, stale-while-revalidate=31535990", CacheControl(hit));
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public async Task AStalePage_IsServedStaleOnceWithTheOldContent_ThenAHitWithTheNew()
    {
        Backend.Titles["a"] = "Old";
        await GetAsync("/minimal/a");
        Backend.Titles["a"] = "New";
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (stale, staleBody) = await GetAsync("/minimal/a");
        await Eventually.TrueAsync(() => Backend.Calls("a") == 2, "the stale page regenerates in the background");
        await Eventually.TrueAsync(async () => CacheState((await GetAsync("/minimal/a")).Response) == "HIT", "the regenerated page is current");
        var (hit, hitBody) = await GetAsync("/minimal/a");

        Assert.Equal("STALE", CacheState(stale));
        Assert.Contains("<h1>Old</h1>", staleBody, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(hit));
        Assert.Contains("<h1>New</h1>", hitBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevalidatingATagTheRenderAdded_ShowsTheEditAtOnce()
    {
        Backend.Titles["a"] = "Before";
        await GetAsync("/minimal/a");
        Backend.Titles["a"] = "After";

        using var revalidate = await Client.GetAsync($"/api/revalidate?secret={Secret}&tag=item:a");
        var (page, body) = await GetAsync("/minimal/a");

        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
        Assert.Equal("HIT", CacheState(page));
        Assert.Contains("<h1>After</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevalidatingAStaticTagFromWithIsr_ReachesThePage()
    {
        Backend.Titles["a"] = "Before";
        await GetAsync("/minimal/a");
        Backend.Titles["a"] = "After";

        using var revalidate = await Client.GetAsync($"/api/revalidate?secret={Secret}&tag=minimal");
        var json = JsonDocument.Parse(await revalidate.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(1, json.GetProperty("tags")[0].GetProperty("pages").GetInt32());
        Assert.Contains("<h1>After</h1>", (await GetAsync("/minimal/a")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVisitorsCookieAuthorizationAndQuery_NeverReachTheStoredPage_NorTheFirstVisitorsOwnAnswer()
    {
        Backend.Titles["a"] = "Alpha";

        var (first, firstBody) = await GetAsync("/minimal/a?utm=mail", request =>
        {
            request.Headers.Add("Cookie", "visitor=first");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token");
        });
        var (second, secondBody) = await GetAsync("/minimal/a", request => request.Headers.Add("Cookie", "visitor=second"));

        Assert.Equal("MISS", CacheState(first));
        Assert.Contains("visitor: none", firstBody, StringComparison.Ordinal);
        Assert.Contains("authorization: </p>", firstBody, StringComparison.Ordinal);
        Assert.Contains("query: </p>", firstBody, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(second));
        Assert.Contains("visitor: none", secondBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatSetsACookie_IsNeverStored_AndTheAppAnswersTheVisitorItself()
    {
        Backend.Titles["c"] = "With a cookie";
        Backend.SetsCookie["c"] = true;

        var (first, firstBody) = await GetAsync("/minimal/c");
        var (second, _) = await GetAsync("/minimal/c");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("<h1>With a cookie</h1>", firstBody, StringComparison.Ordinal);
        Assert.False(first.Headers.Contains(CacheHeader));
        Assert.Contains("session=s-c", string.Join(";", first.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.False(second.Headers.Contains(CacheHeader));
        Assert.Equal(0, RegeneratedRows());
        Assert.Contains(Host.Log.Entries, entry => entry.EventId == 38);
    }

    [Fact]
    public async Task A404IsKeptAsANotFound_AndARedirectAsARedirect()
    {
        Backend.Redirects["moved"] = "/minimal/a";

        var (missing, _) = await GetAsync("/minimal/nothing");
        var (missingAgain, _) = await GetAsync("/minimal/nothing");
        var (moved, _) = await GetAsync("/minimal/moved");
        var (movedAgain, _) = await GetAsync("/minimal/moved");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingAgain.StatusCode);
        Assert.Equal(1, Backend.Calls("nothing"));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("/minimal/a", movedAgain.Headers.Location?.OriginalString);
        Assert.Equal("HIT", CacheState(movedAgain));
        Assert.Equal(1, Backend.Calls("moved"));
    }

    [Fact]
    public async Task AFailingRegeneration_KeepsTheLastGoodPage()
    {
        Backend.Titles["a"] = "Good";
        await GetAsync("/minimal/a");
        Backend.Failing["a"] = true;
        Clock.Advance(TimeSpan.FromSeconds(11));

        await GetAsync("/minimal/a");
        await Eventually.TrueAsync(() => Backend.Calls("a") == 2, "the stale page's regeneration ran");
        var (after, body) = await GetAsync("/minimal/a");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("<h1>Good</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointWithoutIsr_PassesThroughUntouched()
    {
        using var response = await Client.GetAsync("/plain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(CacheHeader));
        Assert.Equal("<p>plain</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AControllerWithIsr_IsAnIsrPage_WithTheIntervalItsActionSet_AndItsStaticTag()
    {
        Backend.Titles["x"] = "Article";

        var (miss, _) = await GetAsync("/articles/x");
        var (hit, body) = await GetAsync("/articles/x");
        Backend.Titles["x"] = "Article, edited";
        using var revalidate = await Client.GetAsync($"/api/revalidate?secret={Secret}&tag=mvc");
        var (after, afterBody) = await GetAsync("/articles/x");

        Assert.Equal("MISS", CacheState(miss));
        Assert.Equal("HIT", CacheState(hit));
        Assert.Contains("<h1>Article</h1>", body, StringComparison.Ordinal);
        Assert.StartsWith("s-maxage=20,", CacheControl(hit), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
        Assert.Contains("<h1>Article, edited</h1>", afterBody, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(after));
    }

    [Fact]
    public async Task AnotherSpellingOfATypedValue_Answers308_AndNothingIsRendered()
    {
        Backend.Titles["n1"] = "One";

        var (response, _) = await GetAsync("/minimal-numbered/01");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("/minimal-numbered/1", response.Headers.Location?.OriginalString);
        Assert.Equal(0, Backend.Calls("n1"));
    }

    [Fact]
    public async Task InDevelopmentMode_TheAppAnswersEveryRequestFresh()
    {
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = Secret;
            options.DevelopmentMode = true;
        };
        await RestartAsync();
        Backend.Titles["a"] = "First";

        var (first, _) = await GetAsync("/minimal/a");
        Backend.Titles["a"] = "Second";
        var (second, body) = await GetAsync("/minimal/a");

        Assert.Equal("DEV", CacheState(first));
        Assert.Equal("DEV", CacheState(second));
        Assert.Contains("<h1>Second</h1>", body, StringComparison.Ordinal);
        Assert.Equal(0, RegeneratedRows());
    }

    [Fact]
    public async Task ThePageStatusRoute_DescribesAnEndpointPage()
    {
        Backend.Titles["a"] = "Alpha";
        await GetAsync("/minimal/a");

        using var response = await Client.GetAsync($"/api/revalidate/status?secret={Secret}&path=/minimal/a");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/minimal/{slug}", json.GetProperty("route").GetString());
    }

    [Fact]
    public async Task AnEditorInDraftMode_GetsTheAppsFreshAnswer_AndVisitorsKeepTheStoredPage()
    {
        Backend.Titles["a"] = "Published";
        await GetAsync("/minimal/a");
        var (enable, _) = await GetAsync($"/api/revalidate/draft?secret={Secret}&path=/minimal/a");
        var cookie = enable.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Backend.Titles["a"] = "Unpublished edit";

        var (draft, draftBody) = await GetAsync("/minimal/a", request => request.Headers.Add("Cookie", cookie));
        var (visitor, visitorBody) = await GetAsync("/minimal/a");

        Assert.Equal("DRAFT", CacheState(draft));
        Assert.Contains("<h1>Unpublished edit</h1>", draftBody, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(visitor));
        Assert.Contains("<h1>Published</h1>", visitorBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeneathABasePath_AnEndpointPageIsServedAndRenderedThere()
    {
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = Secret;
            options.BasePath = "/docs";
        };
        await RestartAsync();
        Backend.Titles["a"] = "Alpha";

        var (miss, _) = await GetAsync("/docs/minimal/a");
        var (hit, body) = await GetAsync("/docs/minimal/a");
        var (outside, _) = await GetAsync("/minimal/a");

        Assert.Equal("MISS", CacheState(miss));
        Assert.Equal("HIT", CacheState(hit));
        Assert.Contains("<h1>Alpha</h1>", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task AfterARestart_AnEndpointPageIsServedFromTheStore_WithoutRenderingAgain()
    {
        Backend.Titles["a"] = "Kept";
        await GetAsync("/minimal/a");

        await RestartAsync();
        var (page, body) = await GetAsync("/minimal/a");

        Assert.Equal("HIT", CacheState(page));
        Assert.Contains("<h1>Kept</h1>", body, StringComparison.Ordinal);
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public void WithIsr_RefusesANegativeInterval_AndHttpContextIsr_RefusesABlankTag()
    {
        var context = new DefaultHttpContext();

        Assert.Throws<ArgumentOutOfRangeException>(() => new NoConventions().WithIsr(-1));
        Assert.Throws<ArgumentException>(() => context.Isr().Tag(" "));
        Assert.False(context.Isr().IsActive);
    }

    [Fact]
    public async Task APageThatSetsACookie_IsLeftToTheApp_RenderedOnceARequest_AndNeverHeldToTheFirstRenderCeiling()
    {
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = Secret;
            options.MaxFirstRendersPerSecond = 1;
        };
        await RestartAsync();
        Backend.Titles["c"] = "With a cookie";
        Backend.SetsCookie["c"] = true;

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await GetAsync("/minimal/c")).Response.StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(6, Backend.Calls("c"));
        Assert.Single(Host.Log.Entries, entry => entry.EventId == 38);
    }

    /// <summary>An endpoint builder that takes conventions and keeps none.</summary>
    private sealed class NoConventions : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
        }
    }
}
