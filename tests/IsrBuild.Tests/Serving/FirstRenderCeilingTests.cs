using System.Net;

namespace IsrBuild.Tests.Serving;

/// <summary>
/// Paths never generated before are rendered at most <see cref="IsrOptions.MaxFirstRendersPerSecond"/> per second:
/// a flood of new ids is refused at once (503, Retry-After), costs the site's data nothing, and known pages are
/// served as ever.
/// </summary>
public sealed class FirstRenderCeilingTests : ServingTestBase
{
    public FirstRenderCeilingTests() => ExtraConfiguration = options => options.MaxFirstRendersPerSecond = 2;

    [Fact]
    public async Task AFloodOfNewPaths_IsHeldToTheCeiling_WithA503AndRetryAfter_AndKnownPagesAreStillHits()
    {
        Backend.Titles["known"] = "Known";
        await GetAsync("/blocking/known");
        for (var i = 0; i < 10; i++)
        {
            Backend.Titles["new" + i] = "New " + i;
        }

        // At once: the known page took one of the bucket's two renders, and it refills two a second.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => GetAsync("/blocking/new" + i)));
        var known = await GetAsync("/blocking/known");

        var rendered = answers.Count(a => a.Response.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.Response.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.InRange(rendered, 1, 3);
        Assert.Equal(10 - rendered, refused.Count);
        Assert.All(refused, a => Assert.Equal("1", a.Response.Headers.RetryAfter?.ToString()));
        Assert.Equal(rendered, Enumerable.Range(0, 10).Sum(i => Backend.Calls("new" + i)));
        Assert.Equal("HIT", CacheState(known.Response));
        Assert.Contains(Host.Log.Entries, entry => entry.EventId == 36);
    }

    [Fact]
    public async Task RequestsJoiningAFirstRenderUnderWay_AreNotRefused()
    {
        Backend.Titles["popular"] = "Popular";
        Backend.CloseGate();

        var first = GetAsync("/blocking/popular");
        await Eventually.TrueAsync(() => Backend.Calls("popular") == 1, "the first render reads its data");
        var joiners = Enumerable.Range(0, 5).Select(_ => GetAsync("/blocking/popular")).ToList();
        Backend.OpenGate();
        var answers = await Task.WhenAll(joiners.Prepend(first));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Response.StatusCode));
        Assert.Equal(1, Backend.Calls("popular"));
    }

    [Fact]
    public async Task WithNoCeiling_EveryNewPathRenders()
    {
        ExtraConfiguration = options => options.MaxFirstRendersPerSecond = 0;
        await RestartAsync();
        for (var i = 0; i < 5; i++)
        {
            Backend.Titles["free" + i] = "Free";
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => GetAsync("/blocking/free" + i)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Response.StatusCode));
    }
}
