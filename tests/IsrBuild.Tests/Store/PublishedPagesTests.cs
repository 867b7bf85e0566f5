using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Store;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace IsrBuild.Tests.Store;

public sealed class PublishedPagesTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();
    private readonly PublishedFallbacks _fallbacks = new();

    private string Folder => Path.Combine(_contentRoot.Path, IsrManifest.FolderName);

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task Page_IsReadWithTheRepresentationAskedFor_AndItsHashes()
    {
        SampleStore.Write(Folder);
        using var published = await LoadAsync();

        var page = published.Get("/posts/1", PageEncoding.Identity, out var html);
        var brotli = published.GetBody("/posts/1", PageEncoding.Brotli);

        Assert.NotNull(page);
        Assert.Equal(StoredPageKind.Page, page.Kind);
        Assert.Equal(SampleStore.Html("1"), html);
        Assert.Equal(PageEncoder.Hash(html), page.HtmlHash);
        Assert.Equal(PageEncoder.Hash(brotli), page.BrotliHash);
        Assert.Equal(60, page.Revalidate);
        Assert.Equal(SampleStore.GeneratedAt, page.GeneratedAt);
        Assert.Equal(["post:1", "posts"], page.Tags);
    }

    [Theory]
    [InlineData("/tags/商業日語")]
    [InlineData("/tags/a b")]
    public async Task PathsOfAnyCharacters_AreFound(string path)
    {
        SampleStore.Write(Folder);
        using var published = await LoadAsync();

        Assert.NotNull(published.Get(path, PageEncoding.Gzip, out var gzip));
        Assert.NotNull(gzip);
    }

    [Fact]
    public async Task RedirectsNotFoundAndTags_AreReadFromTheStore()
    {
        SampleStore.Write(Folder);
        using var published = await LoadAsync();

        var redirect = published.Get("/old", PageEncoding.Identity, out _);
        var notFound = published.Get("/posts/9", PageEncoding.Identity, out _);

        Assert.Equal((StoredPageKind.Redirect, 308, "/new"), (redirect!.Kind, redirect.RedirectStatus, redirect.RedirectDestination));
        Assert.Equal((StoredPageKind.NotFound, (int?)30), (notFound!.Kind, notFound.Revalidate));
        Assert.True(published.HasEntry("/posts/9"));
        Assert.False(published.HasEntry("/posts/3"));
        Assert.Equal(["/posts/1", "/posts/2"], published.PathsWithTag("posts").Order(StringComparer.Ordinal));
        Assert.Equal(FallbackMode.NotFound, _fallbacks.For("/tags/{tag}"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("another build")]
    public async Task UnusableStore_FallsBackToTheManifest_SoListedPathsRenderOnDemand(string damage)
    {
        SampleStore.Write(Folder);
        var store = Path.Combine(Folder, PageDatabase.PublishedFileName);
        switch (damage)
        {
            case "truncated":
                var bytes = await File.ReadAllBytesAsync(store);
                await File.WriteAllBytesAsync(store, bytes[..(bytes.Length / 2)]);
                break;
            case "garbage":
                await File.WriteAllTextAsync(store, "this is not a database, an interrupted rsync left it");
                break;
            default:
                using (var other = new TemporaryDirectory())
                {
                    SampleStore.Write(other.Path, buildId: "b2");
                    File.Copy(Path.Combine(other.Path, PageDatabase.PublishedFileName), store, overwrite: true);
                }

                break;
        }

        using var published = await LoadAsync();

        Assert.Null(published.Get("/posts/1", PageEncoding.Identity, out _));
        Assert.Equal("b1", published.BuildId);
        Assert.Equal(FallbackMode.NotFound, _fallbacks.For("/tags/{tag}"));
        Assert.True(_fallbacks.AllowsFirstRender("/tags/{tag}", "/tags/a b"));
        Assert.True(published.HasEntry("/posts/9"));
        Assert.False(_fallbacks.AllowsFirstRender("/tags/{tag}", "/tags/unknown"));
    }

    private async Task<PublishedPages> LoadAsync()
    {
        var published = new PublishedPages(
            new PublishedBuild(new HostingEnvironment { ContentRootPath = _contentRoot.Path }),
            _fallbacks,
            NullLogger<PublishedPages>.Instance);
        await published.LoadAsync(CancellationToken.None);
        return published;
    }
}
