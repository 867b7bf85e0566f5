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
        var stale = Path.Combine(ContentRoot, "cache", "an-older-build", "pages", "blocking", "a.html.page");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "from an older deployment");

        await RestartAsync();

        Assert.False(Directory.Exists(Path.Combine(ContentRoot, "cache", "an-older-build")));
    }

    [Fact]
    public async Task DamagedPageFile_IsNotServed_ThePageIsGeneratedAgain()
    {
        Backend.Titles["a"] = "Whole";
        await GetAsync("/blocking/a");
        var file = Directory.EnumerateFiles(Path.Combine(ContentRoot, "cache"), "a.html.page", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..^10]);

        await RestartAsync();
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("MISS", CacheState(response));
        Assert.Contains("<h1>Whole</h1>", body, StringComparison.Ordinal);
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
        long Size() => Directory.EnumerateFiles(Path.Combine(ContentRoot, "cache"), "*.page", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        await Eventually.TrueAsync(() => Task.FromResult(Size() <= 1 << 20), "eviction brings the cache under its cap");
        Assert.True(Size() > 0);
    }

    private async Task RestartWithAsync(Action<IsrOptions> configure)
    {
        ExtraConfiguration = configure;
        await RestartAsync();
    }
}
