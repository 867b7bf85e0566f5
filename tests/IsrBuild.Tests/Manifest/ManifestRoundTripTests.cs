using System.Text.Json;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Tests.Store;

namespace IsrBuild.Tests.Manifest;

public sealed class ManifestRoundTripTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string ManifestPath => Path.Combine(_directory.Path, IsrManifest.FileName);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(16)]
    public async Task WrittenManifest_ReadsBackIntoTheIndex_WhateverTheReadBufferSize(int bufferSize)
    {
        SampleStore.Write(_directory.Path);

        var index = await ManifestReader.ReadAsync(ManifestPath, CancellationToken.None, bufferSize);

        Assert.Equal(IsrManifest.CurrentVersion, index.Version);
        Assert.Equal("b1", index.BuildId);
        Assert.Equal(SampleStore.GeneratedAt, index.GeneratedAt);
        Assert.Equal(FallbackMode.Blocking, index.Fallbacks["/posts/{id}"]);
        Assert.Equal(FallbackMode.NotFound, index.Fallbacks["/about"]);
        Assert.Equal(["/about", "/old", "/posts/1", "/posts/2", "/tags/a b", "/tags/商業日語"], index.Paths.Order(StringComparer.Ordinal));
        Assert.Equal(["/posts/9"], index.NotFound);
    }

    [Fact]
    public void Manifest_ListsEveryPathWithItsRepresentationsHashesIntervalsAndTags()
    {
        SampleStore.Write(_directory.Path);
        using var document = JsonDocument.Parse(File.ReadAllBytes(ManifestPath));
        var root = document.RootElement;

        var post = root.GetProperty("pages").GetProperty("/posts/1");
        Assert.Equal(PageEncoder.Hash(SampleStore.Html("1")), post.GetProperty("html").GetProperty("hash").GetString());
        Assert.Equal(SampleStore.Html("1").Length, post.GetProperty("html").GetProperty("length").GetInt64());
        Assert.True(post.GetProperty("brotli").GetProperty("length").GetInt64() > 0);
        Assert.Equal(60, post.GetProperty("revalidate").GetInt32());
        Assert.Equal(["post:1", "posts"], post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(root.GetProperty("pages").GetProperty("/about").TryGetProperty("revalidate", out _));
        Assert.Equal(308, root.GetProperty("redirects").GetProperty("/old").GetProperty("statusCode").GetInt32());
        Assert.Equal(30, root.GetProperty("notFound").GetProperty("/posts/9").GetProperty("revalidate").GetInt32());
    }

    [Fact]
    public async Task MalformedManifest_FailsWithAnErrorNamingTheFile()
    {
        await File.WriteAllTextAsync(ManifestPath, "{ \"version\": 2, \"pages\": ");

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
        await File.WriteAllTextAsync(ManifestPath, "{ \"version\": 2, \"routes\": { \"/x\": { \"fallback\": \"sometimes\" }, \"/y\": { \"fallback\": \"blocking\" } } }");

        var exception = await Assert.ThrowsAsync<IsrManifestException>(() => ManifestReader.ReadAsync(ManifestPath, CancellationToken.None));

        Assert.Contains("sometimes", exception.Message, StringComparison.Ordinal);
    }
}
