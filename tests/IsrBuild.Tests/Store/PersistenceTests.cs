using IsrBuild.Coordination;
using IsrBuild.Store;

namespace IsrBuild.Tests.Store;

public sealed class PersistenceTests : ServingTestBase
{
    [Fact]
    public async Task RegeneratedPage_SurvivesARestart_WithoutCallingStaticPropsAgain()
    {
        Backend.Titles["a"] = "Persisted";
        await GetAsync("/blocking/a");

        await RestartAsync();
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("HIT", CacheState(response));
        Assert.Contains("<h1>Persisted</h1>", body, StringComparison.Ordinal);
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public async Task CachesOfOlderBuilds_AreKeptForTheLastFewBuilds_AndTheOldestDeleted()
    {
        var builds = new[] { "oldest", "older", "old" };
        for (var i = 0; i < builds.Length; i++)
        {
            var folder = Path.Combine(ContentRoot, "cache", builds[i]);
            Directory.CreateDirectory(folder);
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow.AddHours(i - 10));
        }

        await RestartAsync();

        // KeepBuilds is 3: this build and the two newest before it.
        Assert.False(Directory.Exists(Path.Combine(ContentRoot, "cache", "oldest")));
        Assert.True(Directory.Exists(Path.Combine(ContentRoot, "cache", "older")));
        Assert.True(Directory.Exists(Path.Combine(ContentRoot, "cache", "old")));
    }

    [Fact]
    public async Task RollingBackToTheLastBuild_GetsItsRegeneratedPagesBack_AndANewBuildNeverServesThem()
    {
        Backend.Titles["a"] = "Regenerated under build one";
        await GetAsync("/blocking/a");

        BuildId = "build-two";
        Backend.Titles["a"] = "Rendered under build two";
        await RestartAsync();
        var (newBuild, newBody) = await GetAsync("/blocking/a");

        BuildId = "test-build";
        await RestartAsync();
        var (rolledBack, rolledBackBody) = await GetAsync("/blocking/a");

        Assert.Equal("MISS", CacheState(newBuild));
        Assert.Contains("<h1>Rendered under build two</h1>", newBody, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(rolledBack));
        Assert.Contains("<h1>Regenerated under build one</h1>", rolledBackBody, StringComparison.Ordinal);
        Assert.Equal(2, Backend.Calls("a"));
    }

    [Fact]
    public async Task DamagedStore_IsNotServed_ItsPagesAreGeneratedAgain()
    {
        Backend.Titles["a"] = "Whole";
        await GetAsync("/blocking/a");
        await Host.DisposeAsync();
        var store = Path.Combine(ContentRoot, "cache", "test-build", "pages.db");
        var bytes = await File.ReadAllBytesAsync(store);
        bytes.AsSpan(0, 100).Fill(0x5A);
        await File.WriteAllBytesAsync(store, bytes);
        foreach (var wal in new[] { store + "-wal", store + "-shm" }.Where(File.Exists))
        {
            File.Delete(wal);
        }

        await StartAgainAsync();
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("MISS", CacheState(response));
        Assert.Contains("<h1>Whole</h1>", body, StringComparison.Ordinal);
        Assert.Equal(2, Backend.Calls("a"));
    }

    [Fact]
    public async Task DeletedPage_StaysGoneAfterARestart_AndAtOnceWhenNeverPublished()
    {
        Backend.Titles["a"] = "Soon gone";
        await GetAsync("/blocking/a");
        Backend.Titles.TryRemove("a", out _);
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/a");
        await Eventually.TrueAsync(async () => (await GetAsync("/blocking/a")).Response.StatusCode == System.Net.HttpStatusCode.NotFound, "the deleted page answers 404");

        await RestartAsync();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await GetAsync("/blocking/a")).Response.StatusCode);
    }

    [Fact]
    public async Task CacheDirectory_StaysWithinItsByteCap()
    {
        await RestartWithAsync(options => options.MaxCacheDirectoryBytes = 1 << 20);
        var title = new string('x', 60_000);
        foreach (var slug in Enumerable.Range(0, 40).Select(i => $"p{i}"))
        {
            Backend.Titles[slug] = title + slug;
            await GetAsync($"/blocking/{slug}");
        }

        // The cap is on regenerated pages; the compiled templates beside them are a handful of small files.
        long Size() => Directory.EnumerateFiles(Path.Combine(ContentRoot, "cache"), "pages.db*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        await Eventually.TrueAsync(() => Task.FromResult(Size() <= (1 << 20) + (256 << 10)), "eviction brings the cache under its cap (a shared-memory index and a little estimation beside it)");
        Assert.True(Size() > 0);
    }

    [Fact]
    public void CacheCap_ByDefault_HoldsARegeneratedCopyOfEveryPublishedPage_PlusAGibibyte_AndAConfiguredCapWins()
    {
        // The sample's post at 1,000,000 posts: 14.85 KB of bodies, published packed into 14.85 GB; a regenerated row
        // of it is counted in whole database pages.
        var post = new EncodedPage(
            new PageRepresentation(new byte[9_700], "h"), new PageRepresentation(new byte[2_050], "b"), new PageRepresentation(new byte[3_100], "g"));
        const long posts = 1_000_000;

        Assert.True(new IsrOptions().RegeneratedBytesFor(posts * post.Size) >= posts * PageDatabase.DiskSize(post) + (1L << 30));
        Assert.Equal(1L << 30, new IsrOptions().RegeneratedBytesFor(0));
        Assert.Equal(1L << 20, new IsrOptions { MaxCacheDirectoryBytes = 1 << 20 }.RegeneratedBytesFor(5L << 30));
    }

    private async Task RestartWithAsync(Action<IsrOptions> configure)
    {
        ExtraConfiguration = configure;
        await RestartAsync();
    }
}
