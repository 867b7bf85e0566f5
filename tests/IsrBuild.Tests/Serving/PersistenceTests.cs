namespace IsrBuild.Tests.Serving;

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
    public async Task CacheOfAnotherBuild_IsDeletedAtStartup_AndNeverServed()
    {
        var stale = Path.Combine(ContentRoot, "cache", "an-older-build", "pages.db");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "from an older deployment");

        await RestartAsync();

        Assert.False(Directory.Exists(Path.Combine(ContentRoot, "cache", "an-older-build")));
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

    private async Task RestartWithAsync(Action<IsrOptions> configure)
    {
        ExtraConfiguration = configure;
        await RestartAsync();
    }
}
