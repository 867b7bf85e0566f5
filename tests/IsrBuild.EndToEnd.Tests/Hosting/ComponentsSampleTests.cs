using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>
/// The Blazor sample (sample/IsrBuild.Sample.Components), published and run as a process: the same blog as the first
/// sample, every page a routable component with [Isr], prerendered at publish on its own layout and kept fresh.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class ComponentsSampleTests(PublishedComponentsSample sample) : IDisposable
{
    private const string Secret = "components-sample-secret-0123456789abcdef";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Publish_PrerendersTheHomeAboutAndEveryPost_OnTheSamplesOwnLayout()
    {
        Assert.True(sample.Result.ExitCode == 0, sample.Result.ToString());
        Assert.Contains("IsrBuild: prerendered 22 pages", sample.Result.Output, StringComparison.Ordinal);
        var paths = PublishedManifest.Read(sample.PublishDirectory).PagePaths;
        Assert.Contains("/", paths);
        Assert.Contains("/about", paths);
        Assert.Contains("/posts/20", paths);

        using var site = await StartAsync();
        using var post = await site.Client.GetAsync("/posts/3");
        var body = await post.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(CacheState(post) is "HIT" or "STALE", CacheState(post));
        Assert.Contains("<h1>", body, StringComparison.Ordinal);
        Assert.Contains("Rendered by Blazor, served by IsrBuild.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Regenerated /posts/3 (FirstRequest)", site.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedPost_RevalidatedByItsTag_IsNewAtOnce_AndADeletedPostBecomesA404()
    {
        var database = _directory.Combine("blog.db");
        File.Copy(sample.DatabasePath, database);
        using var site = await StartAsync(database);
        await site.Client.GetAsync("/posts/4");
        await site.Client.GetAsync("/posts/5");

        await SampleDatabase.SetTitleAsync(database, 4, "Post 4, edited in the CMS");
        await SampleDatabase.ExecuteAsync(database, "DELETE FROM posts WHERE id = 5");
        using var revalidate = await site.Client.PostAsync($"/api/revalidate?secret={Secret}&tag=post:4&path=/posts/5", null);
        using var edited = await site.Client.GetAsync("/posts/4");
        using var deleted = await site.Client.GetAsync("/posts/5");

        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
        Assert.Equal("HIT", CacheState(edited));
        Assert.Contains("<h1>Post 4, edited in the CMS</h1>", await edited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task TheAboutPage_IsNeverRevalidatedExceptOnDemand_AndANewPostRendersOnItsFirstRequest()
    {
        var database = _directory.Combine("blog.db");
        File.Copy(sample.DatabasePath, database);
        await SampleDatabase.ExecuteAsync(database, "INSERT INTO posts (id, title, body) VALUES (21, 'A post written after publish', 'Body.')");
        using var site = await StartAsync(database);

        using var about = await site.Client.GetAsync("/about");
        using var miss = await site.Client.GetAsync("/posts/21");
        using var hit = await site.Client.GetAsync("/posts/21");

        Assert.Equal("HIT", CacheState(about));
        Assert.StartsWith("s-maxage=31536000", string.Join(", ", about.Headers.NonValidated["Cache-Control"]), StringComparison.Ordinal);
        Assert.Equal("MISS", CacheState(miss));
        Assert.Equal("HIT", CacheState(hit));
        Assert.Contains("<h1>A post written after publish</h1>", await hit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<SiteProcess> StartAsync(string? database = null) =>
        SiteProcess.StartAsync(sample.PublishDirectory, "IsrBuild.Sample.Components", new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={database ?? sample.DatabasePath}",
            ["Blog__RevalidateSeconds"] = "300",
            ["Isr__CacheDirectory"] = _directory.Combine("cache-" + Guid.NewGuid().ToString("N")),
            ["Isr__RevalidateSecret"] = Secret,
        });
}
