using System.Security.Cryptography;
using System.Text;
using IsrBuild.Coordination;

namespace IsrBuild.Testing;

/// <summary>
/// What every page store must do, whoever wrote it: the SQLite layers, Redis, and a store written against the public
/// contract alone each run these facts. Paths live under <c>/contract</c>, where the test site publishes nothing.
/// </summary>
public abstract class PageStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private long _fence;

    /// <summary>The store under test, initialized.</summary>
    protected IIsrPageStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => StopAsync();

    [Fact]
    public void AnInitializedStore_NamesItsBuild() => Assert.False(string.IsNullOrEmpty(Store.BuildId));

    [Fact]
    public async Task APageWritten_IsReadBack_WithEachRepresentationsBytes_AndTheWriteAnswersIt()
    {
        var (page, body) = Page("/contract/a", "First", ["contract:a", "contract"]);

        var write = await Store.SetAsync(page, body, CancellationToken.None);

        Assert.Equal(PageWrite.Shared, write.Outcome);
        Assert.Equal(page.HtmlHash, write.Current?.HtmlHash);
        var metadata = await Store.GetMetadataAsync("/contract/a", CancellationToken.None);
        Assert.Equal((StoredPageKind.Page, page.GeneratedAt, page.HtmlHash), (metadata?.Kind, metadata?.GeneratedAt, metadata?.HtmlHash));
        Assert.Equal(["contract", "contract:a"], metadata!.Tags.Order(StringComparer.Ordinal));
        foreach (var encoding in Enum.GetValues<PageEncoding>())
        {
            var read = await Store.GetAsync("/contract/a", encoding, CancellationToken.None);
            Assert.Equal(body[encoding].Content, read?.Body);
            Assert.Equal(body[encoding].Content, await Store.GetBodyAsync(metadata, encoding, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ANewerWrite_ReplacesThePage_AndItsTags()
    {
        var (first, firstBody) = Page("/contract/b", "First", ["contract:old"]);
        var (second, secondBody) = Page("/contract/b", "Second", ["contract:new"]);

        await Store.SetAsync(first, firstBody, CancellationToken.None);
        await Store.SetAsync(second, secondBody, CancellationToken.None);

        var read = await Store.GetAsync("/contract/b", PageEncoding.Identity, CancellationToken.None);
        Assert.Equal(secondBody.Html.Content, read?.Body);
        Assert.Equal(["/contract/b"], await Store.GetPathsByTagAsync("contract:new", CancellationToken.None));
        Assert.Empty(await Store.GetPathsByTagAsync("contract:old", CancellationToken.None));
    }

    [Fact]
    public async Task ABodyAskedForByAnOlderVersion_IsNeverAnsweredWithTheNewerBytes()
    {
        var (first, firstBody) = Page("/contract/c", "First", []);
        var (second, secondBody) = Page("/contract/c", "Second", []);
        await Store.SetAsync(first, firstBody, CancellationToken.None);
        var older = await Store.GetMetadataAsync("/contract/c", CancellationToken.None);

        await Store.SetAsync(second, secondBody, CancellationToken.None);

        var body = await Store.GetBodyAsync(older!, PageEncoding.Identity, CancellationToken.None);
        Assert.True(body is null || body.SequenceEqual(firstBody.Html.Content), "the older version's hash must not be answered with the newer page");
    }

    [Fact]
    public async Task ARedirect_IsKeptWithItsDestinationAndStatus()
    {
        var redirect = State("/contract/old", StoredPageKind.Redirect) with { RedirectDestination = "/contract/new", RedirectStatus = 308 };

        var write = await Store.SetAsync(redirect, body: null, CancellationToken.None);

        var read = await Store.GetMetadataAsync("/contract/old", CancellationToken.None);
        Assert.Equal((StoredPageKind.Redirect, "/contract/new", 308), (read?.Kind, read?.RedirectDestination, read?.RedirectStatus));
        Assert.Equal(StoredPageKind.Redirect, write.Current?.Kind);
    }

    [Fact]
    public async Task ANotFound_RemovesThePage_AndTheWriteSaysWhatIsLeft()
    {
        var (page, body) = Page("/contract/d", "Gone soon", ["contract:d"]);
        await Store.SetAsync(page, body, CancellationToken.None);

        var write = await Store.SetAsync(State("/contract/d", StoredPageKind.NotFound), body: null, CancellationToken.None);

        var read = await Store.GetAsync("/contract/d", PageEncoding.Identity, CancellationToken.None);
        Assert.True(read is null || read.Value.Page.Kind == StoredPageKind.NotFound, "the page must not come back");
        Assert.Equal(read?.Page.Kind, write.Current?.Kind);
        Assert.Empty(await Store.GetPathsByTagAsync("contract:d", CancellationToken.None));
    }

    [Fact]
    public async Task APrefix_ListsThePathsAtAndBelowIt_AndNoOtherPath()
    {
        foreach (var path in new[] { "/contract/list", "/contract/list/1", "/contract/list/2/deep", "/contract/listing" })
        {
            var (page, body) = Page(path, path, []);
            await Store.SetAsync(page, body, CancellationToken.None);
        }

        var listed = await Store.GetPathsByPrefixAsync("/contract/list", CancellationToken.None);
        var everything = await Store.GetPathsByPrefixAsync("/", CancellationToken.None);

        Assert.Equal(["/contract/list", "/contract/list/1", "/contract/list/2/deep"], listed.Order(StringComparer.Ordinal));
        Assert.Contains("/contract/listing", everything);
    }

    [Fact]
    public async Task APathNeverWritten_IsAbsent()
    {
        Assert.Null(await Store.GetAsync("/contract/never", PageEncoding.Identity, CancellationToken.None));
        Assert.Null(await Store.GetMetadataAsync("/contract/never", CancellationToken.None));
        Assert.Empty(await Store.GetPathsByTagAsync("contract:never", CancellationToken.None));
    }

    [Fact]
    public async Task APageRefreshed_KeepsItsBytesAndTags_WithTheNewTimes_OrTheStoreSaysItCannot()
    {
        var (page, body) = Page("/contract/r", "Same", ["contract:r"]);
        await Store.SetAsync(page, body, CancellationToken.None);
        var again = State("/contract/r", StoredPageKind.Page) with
        {
            Tags = page.Tags,
            HtmlHash = page.HtmlHash,
            BrotliHash = page.BrotliHash,
            GzipHash = page.GzipHash,
        };

        var refreshed = await Store.RefreshAsync(again, CancellationToken.None);

        var metadata = await Store.GetMetadataAsync("/contract/r", CancellationToken.None);
        Assert.Equal(refreshed is null ? page.GeneratedAt : again.GeneratedAt, metadata?.GeneratedAt);
        Assert.Equal(page.HtmlHash, refreshed?.Current?.HtmlHash ?? page.HtmlHash);
        foreach (var encoding in Enum.GetValues<PageEncoding>())
        {
            Assert.Equal(body[encoding].Content, (await Store.GetAsync("/contract/r", encoding, CancellationToken.None))?.Body);
            Assert.Equal(body[encoding].Content, await Store.GetBodyAsync(metadata!, encoding, CancellationToken.None));
        }

        Assert.Equal(["/contract/r"], await Store.GetPathsByTagAsync("contract:r", CancellationToken.None));
    }

    [Fact]
    public async Task ARefreshNamingBytesTheStoreDoesNotHold_IsRefused_AndChangesNothing()
    {
        var (page, body) = Page("/contract/s", "Held", ["contract:s"]);
        var (other, _) = Page("/contract/s", "Never written", ["contract:s"]);
        await Store.SetAsync(page, body, CancellationToken.None);

        var refreshed = await Store.RefreshAsync(other, CancellationToken.None);

        Assert.Null(refreshed);
        var read = await Store.GetAsync("/contract/s", PageEncoding.Identity, CancellationToken.None);
        Assert.Equal((page.GeneratedAt, page.HtmlHash), (read?.Page.GeneratedAt, read?.Page.HtmlHash));
        Assert.Equal(body.Html.Content, read?.Body);
    }

    /// <summary>Stops what <see cref="CreateStoreAsync"/> started.</summary>
    protected virtual Task StopAsync() => Task.CompletedTask;

    /// <summary>A new store, initialized, as its host would have it.</summary>
    protected abstract Task<IIsrPageStore> CreateStoreAsync();

    private StoredPage State(string path, StoredPageKind kind)
    {
        // Each write under a newer lease, as a regeneration's is: a shared store refuses an older fence.
        var fence = Interlocked.Increment(ref _fence);
        return new StoredPage
        {
            Path = path,
            Route = "/contract/{*rest}",
            Kind = kind,
            GeneratedAt = Start.AddSeconds(fence),
            Source = PageSource.Regenerated,
            Revalidate = 60,
            Fence = fence,
        };
    }

    private (StoredPage Page, EncodedPage Body) Page(string path, string title, IReadOnlyList<string> tags)
    {
        var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><h1>{title}</h1>");
        var body = new EncodedPage(Representation(html), Representation([.. html, 1]), Representation([.. html, 2]));
        var page = State(path, StoredPageKind.Page) with
        {
            Tags = tags,
            HtmlHash = body.Html.Hash,
            BrotliHash = body.Brotli.Hash,
            GzipHash = body.Gzip.Hash,
        };
        return (page, body);
    }

    private static PageRepresentation Representation(byte[] content) => new(content, Convert.ToHexString(SHA256.HashData(content))[..16]);
}
