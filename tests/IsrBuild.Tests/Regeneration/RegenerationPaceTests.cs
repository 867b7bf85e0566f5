using System.Diagnostics;
using System.Net;

namespace IsrBuild.Tests.Regeneration;

/// <summary>Isr:MaxRegenerationsPerSecond holds stale pages' regenerations to a pace, while the stale pages keep being served.</summary>
public sealed class RegenerationPaceTests : ServingTestBase
{
    private static readonly string[] Slugs = ["a", "b", "c"];

    public RegenerationPaceTests() => ExtraConfiguration = options => options.MaxRegenerationsPerSecond = 1;

    [Fact]
    public async Task StalePagesBeyondTheCap_WaitTheirTurn_AndAreServedStaleMeanwhile()
    {
        foreach (var slug in Slugs)
        {
            Backend.Titles[slug] = "Old " + slug;
            await GetAsync($"/blocking/{slug}");
            Backend.Titles[slug] = "New " + slug;
        }

        var before = Backend.CallTimes.Count;
        Clock.Advance(TimeSpan.FromSeconds(11));

        var stale = await Task.WhenAll(Slugs.Select(slug => GetAsync($"/blocking/{slug}")));
        await Eventually.TrueAsync(() => Backend.CallTimes.Count == before + Slugs.Length, "every stale page regenerated in the end");

        Assert.All(stale, answer => Assert.Equal("STALE", CacheState(answer.Response)));
        Assert.All(stale, answer => Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode));

        // One token a second, one to start with: the third regeneration began at least a second after the first.
        var regenerations = Backend.CallTimes.Skip(before).ToArray();
        var spread = Stopwatch.GetElapsedTime(regenerations[0], regenerations[^1]);
        Assert.True(spread >= TimeSpan.FromSeconds(0.9), $"three regenerations at one a second spread over {spread.TotalMilliseconds:0} ms");
    }
}
