using IsrBuild.Manifest;

namespace IsrBuild.Tests.Manifest;

public sealed class ManifestFileStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("isr-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WrittenManifest_ReadsBackWithEveryField()
    {
        var manifest = new IsrManifest { BuildId = "b1", GeneratedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero) };
        manifest.Routes["/posts/{id}"] = new ManifestRoute { Page = "Site.PostPage", Template = "Post.cshtml", Fallback = FallbackNames.Blocking };
        manifest.Pages["/posts/1"] = new ManifestPage
        {
            Route = "/posts/{id}",
            Html = new ManifestFile { Path = "pages/posts/1.html", Length = 10, Hash = "h" },
            Brotli = new ManifestFile { Path = "pages/posts/1.html.br", Length = 5, Hash = "b" },
            Revalidate = 60,
            Tags = ["post:1"],
        };
        manifest.Redirects["/old"] = new ManifestRedirect { Route = "/{x}", Destination = "/new", Permanent = true };
        manifest.NotFound.Add("/posts/9");
        var path = Path.Combine(_directory, IsrManifest.FileName);

        await ManifestFileStore.WriteAsync(manifest, path, CancellationToken.None);
        var read = await ManifestFileStore.ReadAsync(path, CancellationToken.None);

        Assert.Equal(IsrManifest.CurrentVersion, read.Version);
        Assert.Equal("b1", read.BuildId);
        Assert.Equal(manifest.GeneratedAt, read.GeneratedAt);
        Assert.Equal(FallbackMode.Blocking, FallbackNames.Parse(read.Routes["/posts/{id}"].Fallback));
        var page = read.Pages["/posts/1"];
        Assert.Equal("pages/posts/1.html", page.Html.Path);
        Assert.Equal("b", page.Brotli!.Hash);
        Assert.Null(page.Gzip);
        Assert.Equal(60, page.Revalidate);
        Assert.Equal(["post:1"], page.Tags);
        Assert.True(read.Redirects["/old"].Permanent);
        Assert.Equal(["/posts/9"], read.NotFound);
    }

    [Fact]
    public async Task NeverRevalidatedPage_IsWrittenWithoutARevalidateField()
    {
        var manifest = new IsrManifest();
        manifest.Pages["/about"] = new ManifestPage { Route = "/about" };
        var path = Path.Combine(_directory, IsrManifest.FileName);

        await ManifestFileStore.WriteAsync(manifest, path, CancellationToken.None);

        Assert.DoesNotContain("revalidate", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedManifest_FailsWithAnErrorNamingTheFile()
    {
        var path = Path.Combine(_directory, IsrManifest.FileName);
        await File.WriteAllTextAsync(path, "{ \"version\": 1, \"pages\": ");

        var exception = await Assert.ThrowsAsync<IsrManifestException>(() => ManifestFileStore.ReadAsync(path, CancellationToken.None));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestOfAnotherVersion_IsRefused()
    {
        var path = Path.Combine(_directory, IsrManifest.FileName);
        await File.WriteAllTextAsync(path, "{ \"version\": 99 }");

        var exception = await Assert.ThrowsAsync<IsrManifestException>(() => ManifestFileStore.ReadAsync(path, CancellationToken.None));

        Assert.Contains("version 99", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFallbackMode_IsRefused()
    {
        var path = Path.Combine(_directory, IsrManifest.FileName);
        await File.WriteAllTextAsync(path, "{ \"version\": 1, \"routes\": { \"/x\": { \"fallback\": \"sometimes\" } } }");

        await Assert.ThrowsAsync<IsrManifestException>(() => ManifestFileStore.ReadAsync(path, CancellationToken.None));
    }
}
