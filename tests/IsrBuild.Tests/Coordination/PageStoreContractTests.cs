using System.Collections.Concurrent;
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

    /// <summary>A store in a dictionary, outliving the hosts of one test, written only against the public contract.</summary>
    private sealed class DictionaryPageStore : IIsrPageStore
    {
        private readonly ConcurrentDictionary<string, (StoredPage Page, EncodedPage? Body)> _pages = new(StringComparer.Ordinal);

        public string BuildId { get; private set; } = string.Empty;

        /// <summary>Every read throws, as a store whose backend is down does.</summary>
        public bool FailReads { get; set; }

        /// <summary>Every write throws, as a store on a full disk does.</summary>
        public bool FailWrites { get; set; }

        public Task InitializeAsync(CancellationToken cancellationToken)
        {
            BuildId = "test-build";
            return Task.CompletedTask;
        }

        public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken) =>
            FailReads ? throw new IOException("The backend is down.") : ValueTask.FromResult(_pages.TryGetValue(path, out var entry) ? ((StoredPage, byte[]?)?)(entry.Page, entry.Body?[encoding].Content) : null);

        public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) =>
            FailReads ? throw new IOException("The backend is down.") : ValueTask.FromResult(_pages.TryGetValue(path, out var entry) ? entry.Page : null);

        public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken) =>
            FailReads ? throw new IOException("The backend is down.") : ValueTask.FromResult(_pages.TryGetValue(page.Path, out var entry) && entry.Page.HashOf(encoding) == page.HashOf(encoding) ? entry.Body?[encoding].Content : null);

        public Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
        {
            if (FailWrites)
            {
                throw new IOException("No space left on device.");
            }

            _pages[page.Path] = (page, body);
            return Task.FromResult(new PageWriteResult(PageWrite.Shared, page));
        }

        public Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>>([.. _pages.Where(p => p.Value.Page.Tags.Contains(tag)).Select(p => p.Key)]);

        public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>>([.. _pages.Keys.Where(path => prefix == "/" || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))]);
    }
}
