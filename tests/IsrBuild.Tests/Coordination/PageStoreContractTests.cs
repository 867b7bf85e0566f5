using System.Collections.Concurrent;
using IsrBuild.Coordination;
using IsrBuild.Generation;
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

    /// <summary>A store in a dictionary, outliving the hosts of one test, written only against the public contract.</summary>
    private sealed class DictionaryPageStore : IIsrPageStore
    {
        private readonly ConcurrentDictionary<string, (StoredPage Page, EncodedPage? Body)> _pages = new(StringComparer.Ordinal);

        public string BuildId { get; private set; } = string.Empty;

        public Task InitializeAsync(CancellationToken cancellationToken)
        {
            BuildId = "test-build";
            return Task.CompletedTask;
        }

        public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_pages.TryGetValue(path, out var entry) ? ((StoredPage, byte[]?)?)(entry.Page, entry.Body?[encoding].Content) : null);

        public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_pages.TryGetValue(path, out var entry) ? entry.Page : null);

        public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_pages.TryGetValue(page.Path, out var entry) && entry.Page.HashOf(encoding) == page.HashOf(encoding) ? entry.Body?[encoding].Content : null);

        public Task<PageWrite> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
        {
            _pages[page.Path] = (page, body);
            return Task.FromResult(PageWrite.Shared);
        }

        public Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>>([.. _pages.Where(p => p.Value.Page.Tags.Contains(tag)).Select(p => p.Key)]);

        public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>>([.. _pages.Keys.Where(path => prefix == "/" || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))]);
    }
}
