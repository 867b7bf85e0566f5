using System.Net;
using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IsrBuild.Tests.Coordination;

/// <summary>
/// The seam is public so others can write a store, as FusionCache's backplane is: a store written against the public
/// contract alone (nothing internal) replaces IsrBuild's and serves the site.
/// </summary>
public sealed class PageStoreContractTests : ServingTestBase
{
    private readonly DictionaryPageStore _store = new();

    public PageStoreContractTests() => Services = services => services.Replace(ServiceDescriptor.Singleton<IIsrPageStore>(_store));

    [Fact]
    public async Task AStoreWrittenAgainstThePublicContract_ReceivesEveryPage_AndServesItAfterARestart()
    {
        Backend.Titles["a"] = "Kept elsewhere";
        var (first, _) = await GetAsync("/blocking/a");
        var written = await _store.GetMetadataAsync("/blocking/a", CancellationToken.None);
        await RestartAsync();
        var (again, body) = await GetAsync("/blocking/a");

        Assert.Equal("MISS", CacheState(first));
        Assert.Equal("test-build", _store.BuildId);
        Assert.Equal(StoredPageKind.Page, written?.Kind);
        Assert.Equal(["item:a", "items"], written!.Tags);
        Assert.Equal(["/blocking/a"], await _store.GetPathsByTagAsync("item:a", CancellationToken.None));
        Assert.Equal("HIT", CacheState(again));
        Assert.Contains("<h1>Kept elsewhere</h1>", body, StringComparison.Ordinal);
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public async Task AStoreThatThrowsOnEveryCall_NeverFailsAPageRequest_AndEachKindOfErrorIsLoggedOncePerBurst()
    {
        Backend.Titles["a"] = "Rendered anyway";
        _store.FailReads = _store.FailWrites = true;

        var answers = new List<(HttpResponseMessage Response, string Body)>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await GetAsync("/blocking/a"));
        }

        var (unlisted, _) = await GetAsync("/false/never-listed");

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode));
        Assert.All(answers, answer => Assert.Contains("<h1>Rendered anyway</h1>", answer.Body, StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.Equal("MISS", CacheState(answer.Response)));
        Assert.Equal(HttpStatusCode.NotFound, unlisted.StatusCode);
        Assert.Single(Host.Log.AllEntries, entry => entry.EventId == 40);
        Assert.Single(Host.Log.AllEntries, entry => entry.EventId == 41);
    }

    [Fact]
    public async Task AStoreThatThrowsOnRead_ThePageInMemoryIsServed()
    {
        Backend.Titles["a"] = "Held in memory";
        await GetAsync("/blocking/a");
        await GetAsync("/blocking/a");
        _store.FailReads = true;

        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HIT", CacheState(response));
        Assert.Contains("<h1>Held in memory</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreThatThrowsOnWrite_KeepsTheLastGoodPageStale_AndTheRegenerationCountsAsFailed()
    {
        Backend.RevalidateSeconds = 10;
        Backend.Titles["a"] = "Last good";
        await GetAsync("/blocking/a");
        _store.FailWrites = true;
        Backend.Titles["a"] = "Never kept";
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (stale, staleBody) = await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Host.Log.AllEntries.Any(entry => entry.EventId == 3), "the regeneration failed and was logged");
        var (after, afterBody) = await GetAsync("/blocking/a");

        Assert.Equal("STALE", CacheState(stale));
        Assert.Contains("<h1>Last good</h1>", staleBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("STALE", CacheState(after));
        Assert.Contains("<h1>Last good</h1>", afterBody, StringComparison.Ordinal);
        Assert.Contains(Host.Log.AllEntries, entry => entry.EventId == 41);
    }
}
