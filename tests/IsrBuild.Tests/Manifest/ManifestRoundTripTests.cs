using IsrBuild.Manifest;

namespace IsrBuild.Tests.Manifest;

public sealed class ManifestRoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("isr-manifest-").FullName;

    private string ManifestPath => Path.Combine(_directory, IsrManifest.FileName);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(16)]
    public async Task WrittenManifest_ReadsBackIntoTheIndex_WhateverTheReadBufferSize(int bufferSize)
    {
        await ManifestWriter.WriteAsync(SampleManifest(), ManifestPath, CancellationToken.None);

        var index = await ManifestReader.ReadAsync(ManifestPath, CancellationToken.None, bufferSize);

        Assert.Equal(IsrManifest.CurrentVersion, index.Version);
        Assert.Equal("b1", index.BuildId);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), index.GeneratedAt);
        Assert.Equal(FallbackMode.Blocking, index.Fallbacks["/posts/{id}"]);
        Assert.Equal(FallbackMode.NotFound, index.Fallbacks["/about"]);
        Assert.Equal(60, index.Pages["/posts/1"].Revalidate);
        Assert.Null(index.Pages["/about"].Revalidate);
        Assert.Equal("/posts/{id}", index.RouteTemplates[index.Pages["/posts/2"].RouteIndex]);
        Assert.True(index.Redirects["/old"].Permanent);
        Assert.Equal("/new", index.Redirects["/old"].Destination);
        Assert.Equal(["/posts/9"], index.NotFound);
    }

    [Fact]
    public async Task IndexFile_HoldsWhatTheManifestSays_ForItsOwnBuildOnly()
    {
        var manifest = SampleManifest();
        await ManifestWriter.WriteAsync(manifest, ManifestPath, CancellationToken.None);
        var indexPath = Path.Combine(_directory, ManifestIndexFile.FileName);
        ManifestIndexFile.Write(manifest, indexPath);

        var fromJson = await ManifestReader.ReadAsync(ManifestPath, CancellationToken.None);
        var fromIndex = ManifestIndexFile.TryRead(indexPath, (await ManifestReader.ReadHeadAsync(ManifestPath, CancellationToken.None)).BuildId);

        Assert.NotNull(fromIndex);
        Assert.Equal(fromJson.BuildId, fromIndex.BuildId);
        Assert.Equal(fromJson.GeneratedAt, fromIndex.GeneratedAt);
        Assert.Equal(fromJson.Fallbacks, fromIndex.Fallbacks);
        Assert.Equal(fromJson.Pages.Keys.Order(), fromIndex.Pages.Keys.Order());
        Assert.All(fromJson.Pages, p => Assert.Equal(
            (fromJson.RouteTemplates[p.Value.RouteIndex], p.Value.Revalidate),
            (fromIndex.RouteTemplates[fromIndex.Pages[p.Key].RouteIndex], fromIndex.Pages[p.Key].Revalidate)));
        Assert.Equal("/new", fromIndex.Redirects["/old"].Destination);
        Assert.Equal(fromJson.NotFound, fromIndex.NotFound);
        Assert.Null(ManifestIndexFile.TryRead(indexPath, "another-build"));
    }

    [Fact]
    public async Task TruncatedIndexFile_IsIgnored()
    {
        var indexPath = Path.Combine(_directory, ManifestIndexFile.FileName);
        ManifestIndexFile.Write(SampleManifest(), indexPath);
        var bytes = await File.ReadAllBytesAsync(indexPath);
        await File.WriteAllBytesAsync(indexPath, bytes[..^3]);

        Assert.Null(ManifestIndexFile.TryRead(indexPath, "b1"));
    }

    [Fact]
    public async Task TagsPass_ReportsEveryPagesTags()
    {
        await ManifestWriter.WriteAsync(SampleManifest(), ManifestPath, CancellationToken.None);
        var tags = new Dictionary<string, IReadOnlyList<string>>();

        await ManifestReader.ReadTagsAsync(ManifestPath, (path, pageTags) => tags[path] = pageTags, CancellationToken.None);

        Assert.Equal(["post:1", "posts"], tags["/posts/1"]);
        Assert.Empty(tags["/about"]);
    }

    [Fact]
    public async Task NeverRevalidatedPage_IsWrittenWithoutARevalidateField()
    {
        var manifest = new IsrManifest();
        manifest.Pages["/about"] = new ManifestPage { Route = "/about" };

        await ManifestWriter.WriteAsync(manifest, ManifestPath, CancellationToken.None);

        Assert.DoesNotContain("revalidate", await File.ReadAllTextAsync(ManifestPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedManifest_FailsWithAnErrorNamingTheFile()
    {
        await File.WriteAllTextAsync(ManifestPath, "{ \"version\": 1, \"pages\": ");

        var exception = await Assert.ThrowsAsync<IsrManifestException>(() => ManifestReader.ReadAsync(ManifestPath, CancellationToken.None));

        Assert.Contains(ManifestPath, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestOfAnotherVersion_IsRefused()
    {
        await File.WriteAllTextAsync(ManifestPath, "{ \"version\": 99 }");

        var exception = await Assert.ThrowsAsync<IsrManifestException>(() => ManifestReader.ReadAsync(ManifestPath, CancellationToken.None));

        Assert.Contains("version 99", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFallbackMode_IsRefused()
    {
        await File.WriteAllTextAsync(ManifestPath, "{ \"version\": 1, \"routes\": { \"/x\": { \"fallback\": \"sometimes\" }, \"/y\": { \"fallback\": \"blocking\" } } }");

        var exception = await Assert.ThrowsAsync<IsrManifestException>(() => ManifestReader.ReadAsync(ManifestPath, CancellationToken.None));

        Assert.Contains("sometimes", exception.Message, StringComparison.Ordinal);
    }

    private static IsrManifest SampleManifest()
    {
        var manifest = new IsrManifest { BuildId = "b1", GeneratedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero) };
        manifest.Routes["/posts/{id}"] = new ManifestRoute { Page = "Site.PostPage", Template = "Post.cshtml", Fallback = FallbackNames.Blocking };
        manifest.Routes["/about"] = new ManifestRoute { Page = "Site.AboutPage", Template = "About.cshtml", Fallback = FallbackNames.NotFound };
        foreach (var id in new[] { 1, 2 })
        {
            manifest.Pages[$"/posts/{id}"] = new ManifestPage
            {
                Route = "/posts/{id}",
                Html = new ManifestFile { Path = $"pages/posts/{id}.html", Length = 10, Hash = "h" },
                Brotli = new ManifestFile { Path = $"pages/posts/{id}.html.br", Length = 5, Hash = "b" },
                Revalidate = 60,
                Tags = [$"post:{id}", "posts"],
            };
        }

        manifest.Pages["/about"] = new ManifestPage { Route = "/about" };
        manifest.Redirects["/old"] = new ManifestRedirect { Route = "/{x}", Destination = "/new", Permanent = true };
        manifest.NotFound.Add("/posts/9");
        return manifest;
    }
}
