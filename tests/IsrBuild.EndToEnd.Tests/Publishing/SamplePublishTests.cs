using IsrBuild.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace IsrBuild.EndToEnd.Tests.Publishing;

[Collection(PublishGroup.Name)]
public sealed class SamplePublishTests(PublishedSample sample)
{
    [Fact]
    public void Publish_WritesAManifestListingHomeAboutAndEveryPost()
    {
        Assert.True(sample.Result.ExitCode == 0, sample.Result.ToString());

        string[] expected = ["/", "/about", .. Enumerable.Range(1, 100).Select(i => $"/posts/{i}")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), sample.Manifest.PagePaths.Order(StringComparer.Ordinal));
        Assert.Equal(1, sample.Manifest.Root.GetProperty("version").GetInt32());
        Assert.False(string.IsNullOrEmpty(sample.Manifest.Root.GetProperty("buildId").GetString()));
    }

    [Fact]
    public void Publish_WritesEachPostsHtmlWithItsTitleAndCompressedVariants()
    {
        var post = sample.Manifest.Page("/posts/42");

        Assert.Contains("<h1>Post 42</h1>", sample.Manifest.HtmlOf("/posts/42"), StringComparison.Ordinal);
        foreach (var representation in new[] { "html", "brotli", "gzip" })
        {
            var file = post.GetProperty(representation);
            var path = Path.Combine(sample.PublishDirectory, "isr", file.GetProperty("path").GetString()!);
            Assert.Equal(file.GetProperty("length").GetInt64(), new FileInfo(path).Length);
        }
    }

    [Fact]
    public void Publish_RecordsRevalidateFromConfigurationTagsAndFallbackModes()
    {
        var manifest = sample.Manifest;

        Assert.Equal(2, manifest.Page("/posts/7").GetProperty("revalidate").GetInt32());
        Assert.Equal(["post:7", "posts"], manifest.Page("/posts/7").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(manifest.Page("/about").TryGetProperty("revalidate", out _), "/about is never revalidated on an interval");
        Assert.Equal("blocking", manifest.Root.GetProperty("routes").GetProperty("/posts/{id:long}").GetProperty("fallback").GetString());
        Assert.Equal("false", manifest.Root.GetProperty("routes").GetProperty("/about").GetProperty("fallback").GetString());
    }

    [Fact]
    public void Publish_PrintsASummaryAndCopiesTheTemplatesButDoesNotCompileThemAsViews()
    {
        Assert.Contains("IsrBuild: prerendered 102 pages", sample.Result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sample.PublishDirectory, "IsrTemplates", "Post.cshtml")));
        Assert.False(File.Exists(Path.Combine(sample.PublishDirectory, "IsrBuild.Sample.Views.dll")));
    }

    [Fact]
    public void Publish_ShipsEveryTemplateCompiled_SoTheHostNeverRunsTheCompiler()
    {
        var compiled = Directory.EnumerateFiles(Path.Combine(sample.PublishDirectory, "isr", "templates"), "*.dll").ToList();

        Assert.Equal(Directory.EnumerateFiles(Path.Combine(sample.PublishDirectory, "IsrTemplates"), "*.cshtml").Count(), compiled.Count);
        Assert.True(File.Exists(Path.Combine(sample.PublishDirectory, "isr", "isr-index.bin")));
    }

    [Fact]
    public async Task Republish_WithTheSameData_IsByteIdentical_AndADeletedPostsPageIsRemoved()
    {
        using var directory = new TemporaryDirectory();
        var database = directory.Combine("blog.db");
        var output = directory.Combine("out");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={database}",
            ["Blog__SeedPosts"] = "20",
        };

        var first = await DotnetCli.PublishAsync(Repository.SampleProject, output, environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstManifest = PublishedManifest.Read(output);
        var firstHtml = File.ReadAllBytes(Path.Combine(output, "isr", "pages", "posts", "7.html"));

        var second = await DotnetCli.PublishAsync(Repository.SampleProject, output, environment);
        Assert.True(second.ExitCode == 0, second.ToString());
        var secondManifest = PublishedManifest.Read(output);
        Assert.Equal(firstHtml, File.ReadAllBytes(Path.Combine(output, "isr", "pages", "posts", "7.html")));
        Assert.Equal(firstManifest.Root.GetProperty("pages").GetRawText(), secondManifest.Root.GetProperty("pages").GetRawText());
        Assert.Equal(firstManifest.Root.GetProperty("routes").GetRawText(), secondManifest.Root.GetProperty("routes").GetRawText());
        Assert.NotEqual(firstManifest.Root.GetProperty("buildId").GetString(), secondManifest.Root.GetProperty("buildId").GetString());

        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM posts WHERE id = 7";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        var third = await DotnetCli.PublishAsync(Repository.SampleProject, output, environment);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.DoesNotContain("/posts/7", PublishedManifest.Read(output).PagePaths);
        Assert.Contains("/posts/8", PublishedManifest.Read(output).PagePaths);
        Assert.False(File.Exists(Path.Combine(output, "isr", "pages", "posts", "7.html")));
        Assert.False(File.Exists(Path.Combine(output, "isr", "pages", "posts", "7.html.br")));
    }

    [Fact]
    public async Task Publish_WithIsrBuildEnabledFalse_PrerendersNothing()
    {
        using var directory = new TemporaryDirectory();
        var output = directory.Combine("out");

        var result = await DotnetCli.PublishAsync(
            Repository.SampleProject,
            output,
            new Dictionary<string, string> { ["ConnectionStrings__Blog"] = $"Data Source={directory.Combine("blog.db")}" },
            "-p:IsrBuildEnabled=false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "IsrBuild.Sample.dll")));
        Assert.False(Directory.Exists(Path.Combine(output, "isr")));
        Assert.DoesNotContain("IsrBuild: prerendered", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.Combine("blog.db")), "the site's code must not run when prerendering is off");
    }
}
