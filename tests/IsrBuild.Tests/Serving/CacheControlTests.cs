namespace IsrBuild.Tests.Serving;

/// <summary>Who decides a page's <c>Cache-Control</c>: the app's own middleware, then the page, then the options.</summary>
public sealed class CacheControlTests : ServingTestBase
{
    public CacheControlTests() => ExtraConfiguration = options => options.ExpireSeconds = 3600;

    [Fact]
    public async Task DefaultHeader_FollowsTheIntervalAndTheExpireTime()
    {
        Backend.Titles["a"] = "A";

        var (response, _) = await GetAsync("/blocking/a");

        Assert.Equal("s-maxage=10, stale-while-revalidate=3590", CacheControl(response));
    }

    [Fact]
    public async Task NeverRevalidatedPage_GetsTheExpireTime()
    {
        Backend.Titles["a"] = "A";
        Backend.RevalidateSeconds = null;

        var (response, _) = await GetAsync("/blocking/a");

        Assert.Equal("s-maxage=3600", CacheControl(response));
    }

    [Fact]
    public async Task PageThatChoosesItsHeader_IsServedWithIt_FromMemoryToo()
    {
        Backend.Titles["a"] = "A";

        var (rendered, _) = await GetAsync("/custom/a");
        var (hit, _) = await GetAsync("/custom/a");

        Assert.Equal(CustomCacheControlItemPage.Header, CacheControl(rendered));
        Assert.Equal("HIT", CacheState(hit));
        Assert.Equal(CustomCacheControlItemPage.Header, CacheControl(hit));
    }

    [Fact]
    public async Task HeaderTheAppsOwnMiddlewareSet_IsNotOverwritten()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/blocking/a");

        var (response, _) = await GetAsync("/blocking/a?app-cache-control");

        Assert.Equal("HIT", CacheState(response));
        Assert.Equal("public, max-age=5", CacheControl(response));
    }
}
