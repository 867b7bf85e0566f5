using System.Diagnostics;
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
        Assert.Equal(2, sample.Manifest.Root.GetProperty("version").GetInt32());
        Assert.False(string.IsNullOrEmpty(sample.Manifest.Root.GetProperty("buildId").GetString()));
    }

    [Fact]
    public void Publish_WritesEachPostsHtmlWithItsTitleAndCompressedVariants()
    {
        var post = sample.Manifest.Page("/posts/42");

        Assert.Contains("<h1>Post 42</h1>", sample.Manifest.HtmlOf("/posts/42"), StringComparison.Ordinal);
        foreach (var (representation, column) in new[] { ("html", "html"), ("brotli", "br"), ("gzip", "gz") })
        {
            var entry = post.GetProperty(representation);
            Assert.Equal(entry.GetProperty("length").GetInt64(), sample.Manifest.BodyOf("/posts/42", column)!.Length);
        }
    }

    [Fact]
    public void Publish_WritesAFewFiles_HoweverManyPages()
    {
        var files = Directory.EnumerateFiles(Path.Combine(sample.PublishDirectory, "isr"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(sample.PublishDirectory, "isr"), f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("templates/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["isr-manifest.json", "isr-pages.db"], files);
    }

    [Sqlite3Fact]
    public async Task DocumentedCommand_PrintsAPublishedPagesHtml()
    {
        // docs/how-it-works.md, "Inspect a page": the sqlite3 shell reads the store as it is.
        var start = new ProcessStartInfo(Sqlite3FactAttribute.Binary) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-readonly", sample.Manifest.StorePath, "SELECT CAST(html AS TEXT) FROM pages WHERE path = '/posts/42'"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("<h1>Post 42</h1>", await output, StringComparison.Ordinal);
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
    }

    [Fact]
    public async Task Republish_WithTheSameData_IsByteIdentical_ReusesEveryEncoding_AndADeletedPostsPageIsRemoved()
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
        var firstHtml = firstManifest.BodyOf("/posts/7", "html");

        var second = await DotnetCli.PublishAsync(Repository.SampleProject, output, environment);
        Assert.True(second.ExitCode == 0, second.ToString());
        var secondManifest = PublishedManifest.Read(output);
        Assert.Contains("(0 not found, 0 redirects, 22 unchanged)", second.Output, StringComparison.Ordinal);
        Assert.Equal(firstHtml, secondManifest.BodyOf("/posts/7", "html"));
        Assert.Equal(firstManifest.BodyOf("/posts/7", "br"), secondManifest.BodyOf("/posts/7", "br"));
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
        Assert.Null(PublishedManifest.Read(output).BodyOf("/posts/7", "html"));
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
