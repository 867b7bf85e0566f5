namespace IsrBuild.Tests.Serving;

/// <summary>
/// What a cache in front learns of an answer's freshness: RFC 9111 caches read <c>s-maxage</c> and subtract
/// <c>Age</c>; nginx ignores <c>Age</c> and reads <c>X-Accel-Expires</c>, which says the freshness left.
/// </summary>
public sealed class EdgeFreshnessTests : ServingTestBase
{
    public EdgeFreshnessTests() => ExtraConfiguration = options => options.ExpireSeconds = 3600;

    [Fact]
    public async Task AFreshPage_TellsNginxTheFreshnessLeft_AndRfcCachesItsAge()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(4));

        var (hit, _) = await GetAsync("/blocking/a");

        Assert.Equal("HIT", CacheState(hit));
        Assert.Equal("6", Header(hit, "X-Accel-Expires"));
        Assert.Equal(TimeSpan.FromSeconds(4), hit.Headers.Age);
        Assert.Equal("s-maxage=10, stale-while-revalidate=3590", CacheControl(hit));
    }

    [Fact]
    public async Task AStaleAnswer_IsNeverHeldAsFreshByNginx()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (stale, _) = await GetAsync("/blocking/a");

        Assert.Equal("STALE", CacheState(stale));
        Assert.Equal("0", Header(stale, "X-Accel-Expires"));
    }

    [Fact]
    public async Task ANeverRevalidatedPage_IsFreshUntilTheExpireTime_AndNotFoundsKeepTheirOwnInterval()
    {
        Backend.Titles["a"] = "A";
        Backend.RevalidateSeconds = null;
        Backend.NotFoundRevalidateSeconds = 30;
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(100));

        var (page, _) = await GetAsync("/blocking/a");
        var (gone, _) = await GetAsync("/blocking/gone");

        Assert.Equal("3500", Header(page, "X-Accel-Expires"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("30", Header(gone, "X-Accel-Expires"));
    }

    [Fact]
    public async Task AnswersNoCacheMayKeep_AndPagesWithTheirOwnHeader_SayNothingToNginx()
    {
        Backend.Titles["a"] = "A";
        Backend.CloseGate();
        var (fallback, _) = await GetAsync("/background/a");
        Backend.OpenGate();
        var (custom, _) = await GetAsync("/custom/a");

        Assert.Null(Header(fallback, "X-Accel-Expires"));
        Assert.Null(Header(custom, "X-Accel-Expires"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
