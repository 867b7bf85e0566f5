using System.Net;
using IsrBuild.Generation;

namespace IsrBuild.Tests.Regeneration;

/// <summary>Not-found and redirect answers over time, with and without an interval, as Next.js's ISR tests check them.</summary>
public sealed class LifecycleTests : ServingTestBase
{
    public LifecycleTests()
    {
        // As if publish had found /blocking/later missing (asking again after 30 s) and /blocking/never missing for good.
        Publish = store =>
        {
            store.Add("/blocking/later", "/blocking/{slug}", new GenerationResult.NotFound(Revalidate.AfterSeconds(30)));
            store.Add("/blocking/never", "/blocking/{slug}", new GenerationResult.NotFound(Revalidate.Never));
            store.Add("/blocking/moved", "/blocking/{slug}", new GenerationResult.Redirect("/blocking/a", 301, Revalidate.AfterSeconds(30)));
            store.Add("/blocking/pub", "/blocking/{slug}", new GenerationResult.Rendered(
                PageEncoder.Encode("<!DOCTYPE html><html><body><h1>Published</h1></body></html>"u8.ToArray()), Revalidate.AfterSeconds(10), []));
        };
    }

    [Fact]
    public async Task NotFoundAtPublish_WithAnInterval_ShowsThePageOnceItsDataAppears()
    {
        var (first, _) = await GetAsync("/blocking/later");
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal("s-maxage=30, stale-while-revalidate=31535970", CacheControl(first));

        Backend.Titles["later"] = "Arrived";
        Clock.Advance(TimeSpan.FromSeconds(31));
        var (stale, _) = await GetAsync("/blocking/later");

        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        Assert.Equal("STALE", CacheState(stale));
        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/later")).Body.Contains("<h1>Arrived</h1>", StringComparison.Ordinal), "the page appears");
    }

    [Fact]
    public async Task NotFoundAtPublish_WithoutAnInterval_StaysGone_EvenWhenItsDataAppears()
    {
        Backend.Titles["never"] = "Too late";
        Clock.Advance(TimeSpan.FromDays(400));

        var (response, _) = await GetAsync("/blocking/never");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("HIT", CacheState(response));
        Assert.Equal("s-maxage=31536000", CacheControl(response));
        Assert.Equal(0, Backend.Calls("never"));
    }

    [Fact]
    public async Task PublishedPageFoundMissingLater_WithAnInterval_StaysGoneAcrossARestart_ThenComesBackWithItsData()
    {
        Backend.NotFoundRevalidateSeconds = 20;
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/pub");
        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/pub")).Response.StatusCode == HttpStatusCode.NotFound, "the page is gone");
        var calls = Backend.Calls("pub");

        await RestartAsync();
        var (gone, _) = await GetAsync("/blocking/pub");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("s-maxage=20, stale-while-revalidate=31535980", CacheControl(gone));
        Assert.Equal(calls, Backend.Calls("pub"));

        Backend.Titles["pub"] = "Back";
        Clock.Advance(TimeSpan.FromSeconds(21));
        await GetAsync("/blocking/pub");
        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/pub")).Body.Contains("<h1>Back</h1>", StringComparison.Ordinal), "the page comes back");
    }

    [Fact]
    public async Task NotFoundOfANeverGeneratedPath_WithAnInterval_CarriesItsHeaders_AndTheFalseFallbackMissDoesNot()
    {
        Backend.NotFoundRevalidateSeconds = 5;

        var (fromProps, _) = await GetAsync("/blocking/nothing");
        var (unknown, _) = await GetAsync("/false/nothing");

        Assert.Equal(HttpStatusCode.NotFound, fromProps.StatusCode);
        Assert.Equal("s-maxage=5, stale-while-revalidate=31535995", CacheControl(fromProps));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("private, no-cache, no-store, max-age=0, must-revalidate", CacheControl(unknown));
    }

    [Fact]
    public async Task RedirectAtPublish_WithAnInterval_IsServedWithItsStatus_ThenAskedAgain()
    {
        var (redirect, _) = await GetAsync("/blocking/moved");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/blocking/a", redirect.Headers.Location!.OriginalString);
        Assert.Equal("s-maxage=30, stale-while-revalidate=31535970", CacheControl(redirect));

        Backend.Titles["moved"] = "Stayed after all";
        Clock.Advance(TimeSpan.FromSeconds(31));
        await GetAsync("/blocking/moved");

        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/moved")).Body.Contains("<h1>Stayed after all</h1>", StringComparison.Ordinal), "the page replaces the redirect");
    }

    [Fact]
    public async Task RedirectWithoutAnInterval_StaysARedirect_WhateverTheData()
    {
        Backend.Redirects["r"] = "/blocking/a";
        await GetAsync("/blocking/r");
        Backend.Redirects.TryRemove("r", out _);
        Backend.Titles["r"] = "Never shown";
        Clock.Advance(TimeSpan.FromDays(400));

        var (response, _) = await GetAsync("/blocking/r");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("s-maxage=31536000", CacheControl(response));
        Assert.Equal(1, Backend.Calls("r"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirect_IsAnsweredWithTheStatusCodeStaticPropsChose_AndA308AlsoWithRefresh(int status)
    {
        Backend.Redirects["r"] = "/blocking/a";
        Backend.RedirectStatusCode = status;

        var (response, _) = await GetAsync("/blocking/r");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("/blocking/a", response.Headers.Location!.OriginalString);
        Assert.Equal(status == 308, response.Headers.TryGetValues("Refresh", out var refresh));
        if (status == 308)
        {
            Assert.Equal("0;url=/blocking/a", refresh!.Single());
        }
    }
}
