using System.Net;
using System.Security.Cryptography;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>The published sample run as its own process, against a copy of its database and a cache folder of its own.</summary>
[Collection(PublishGroup.Name)]
public sealed class PublishedSampleHostTests(PublishedSample sample) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PublishedSample_ServesItsPrerenderedPages()
    {
        using var site = await StartAsync();

        var post = await site.Client.GetAsync("/posts/42");
        var home = await site.Client.GetAsync("/");
        var missing = await site.Client.GetAsync("/posts/100000");

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("<h1>Post 42</h1>", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(sample.Manifest.Page("/posts/42").GetProperty("html").GetProperty("hash").GetString(), post.Headers.ETag!.Tag.Trim('"'));
        Assert.Contains("<h1>Latest posts</h1>", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task RegeneratedPageAndDeletedPost_SurviveARestart()
    {
        await ExecuteAsync("UPDATE posts SET title = 'Post 5, edited' WHERE id = 5; DELETE FROM posts WHERE id = 6;");
        using (var site = await StartAsync())
        {
            await Eventually.TrueAsync(
                async () => (await site.Client.GetStringAsync("/posts/5")).Contains("<h1>Post 5, edited</h1>", StringComparison.Ordinal),
                "/posts/5 shows the edit",
                () => site.Output);
            await Eventually.TrueAsync(async () => (await site.Client.GetAsync("/posts/6")).StatusCode == HttpStatusCode.NotFound, "/posts/6 answers 404", () => site.Output);
            site.Kill();
        }

        using var restarted = await StartAsync();
        var edited = await restarted.Client.GetAsync("/posts/5");
        var deleted = await restarted.Client.GetAsync("/posts/6");

        Assert.Contains("<h1>Post 5, edited</h1>", await edited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task HostKilledInTheMiddleOfRegenerations_RestartsWithEveryPageWhole()
    {
        await ExecuteAsync("UPDATE posts SET title = title || ' (second edition)', body = body || ' Revised.';");
        var paths = sample.Manifest.PagePaths;
        var cache = _directory.Combine("cache");
        // A dozen regenerations write at once when the host is killed.
        using (var site = await StartAsync(("Isr__MaxConcurrentRegenerations", "12")))
        {
            await Task.WhenAll(paths.Select(path => site.Client.GetAsync(path)));
            await Eventually.TrueAsync(() => RegeneratedStore.CountPages(cache) >= 5, "some regenerated pages are written");
            site.Kill();
        }

        Assert.True(RegeneratedStore.CountPages(cache) < paths.Count, "the kill came before every page was regenerated");
        using var restarted = await StartAsync();
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            var response = await restarted.Client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.EndsWith("</html>", System.Text.Encoding.UTF8.GetString(body).TrimEnd(), StringComparison.Ordinal);
            Assert.Equal(response.Headers.ETag!.Tag.Trim('"'), Hash(body));
        }
    }

    [Fact]
    public async Task RevalidateRoute_RefreshesAnEditedPost_AndATagReachesEveryPageShowingIt()
    {
        await ExecuteAsync("UPDATE posts SET title = 'Post 9, corrected' WHERE id = 9;");
        using var site = await StartAsync(("Blog__RevalidateSeconds", "3600"), ("Isr__RevalidateSecret", Secret));

        var unauthorized = await site.Client.GetAsync("/api/revalidate?secret=nope&path=/posts/9");
        var byPath = await site.Client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/9", null);
        var post = await site.Client.GetStringAsync("/posts/9");
        using var byTag = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate")
        {
            Content = new StringContent("""{"tags": ["post:9"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        byTag.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Secret);
        var tagged = await site.Client.SendAsync(byTag);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Contains("<h1>Post 9, corrected</h1>", post, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Contains("\"pages\":1", await tagged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, site.Output, StringComparison.Ordinal);
    }

    private const string Secret = "end-to-end-secret-0123456789abcdef0123";

    private async Task<SiteProcess> StartAsync(params (string Name, string Value)[] settings)
    {
        var database = _directory.Combine("blog.db");
        if (!File.Exists(database))
        {
            File.Copy(sample.DatabasePath, database);
        }

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={database}",
            ["Blog__RevalidateSeconds"] = "2",
            ["Isr__CacheDirectory"] = _directory.Combine("cache"),
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return await SiteProcess.StartAsync(sample.PublishDirectory, "IsrBuild.Sample", environment);
    }

    /// <summary>A fresh copy of the published sample's database, with <paramref name="sql"/> run on it.</summary>
    private async Task ExecuteAsync(string sql)
    {
        var database = _directory.Combine("blog.db");
        File.Copy(sample.DatabasePath, database, overwrite: true);
        await SampleDatabase.ExecuteAsync(database, sql);
    }

    private static string Hash(byte[] body) =>
        Convert.ToBase64String(SHA256.HashData(body)[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
