using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>
/// A developer's first hour: <c>dotnet run</c> of a copy of the sample (its launch profile runs it as Development),
/// with the database and templates edited while it runs. In the publish group: it builds against src/'s output.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class DevelopmentModeTests : IDisposable
{
    private const string Secret = "a-development-secret-of-at-least-32-characters";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task DotnetRunInDevelopment_RendersEachRequestFresh_ShowsTemplateEdits_AndCachesNothing()
    {
        var project = await CopySampleAsync();
        using var site = await RunAsync(project);

        var first = await site.Client.GetAsync("/posts/1");
        await SampleDatabase.ExecuteAsync(Path.Combine(Path.GetDirectoryName(project)!, "blog.db"), "UPDATE posts SET title = 'Post 1, edited' WHERE id = 1;");
        var afterEdit = await site.Client.GetStringAsync("/posts/1");
        Edit(project, "Post.cshtml", "<h1>@Model.Title</h1>", "<h1 class=\"edited\">@Model.Title</h1>");
        var afterTemplateEdit = await site.Client.GetStringAsync("/posts/1");
        Edit(project, "_Layout.cshtml", "</body>", "<footer>Layout edited</footer></body>");
        var afterLayoutEdit = await site.Client.GetStringAsync("/posts/2");
        var missing = await site.Client.GetAsync("/posts/100000");
        var revalidate = await site.Client.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/1", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("DEV", first.Headers.GetValues(CacheHeader).Single());
        Assert.Equal("no-store, must-revalidate", first.Headers.CacheControl!.ToString());
        Assert.Contains("<h1>Post 1, edited</h1>", afterEdit, StringComparison.Ordinal);
        Assert.Contains("<h1 class=\"edited\">Post 1, edited</h1>", afterTemplateEdit, StringComparison.Ordinal);
        Assert.Contains("<footer>Layout edited</footer>", afterLayoutEdit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
        Assert.Equal(0, RegeneratedStore.CountPages(_directory.Combine("cache")));
        Assert.Contains("development mode is on", site.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaticPropsException_InDevelopment_ReachesTheDeveloperExceptionPage_NamingThePageAndThePath()
    {
        var project = await CopySampleAsync();
        using var site = await RunAsync(project);
        Assert.Equal(HttpStatusCode.OK, (await site.Client.GetAsync("/posts/3")).StatusCode);

        // Static paths (post ids) still work; static props (a post's body) now fail.
        await SampleDatabase.ExecuteAsync(Path.Combine(Path.GetDirectoryName(project)!, "blog.db"), "ALTER TABLE posts RENAME COLUMN body TO text;");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/posts/3");
        request.Headers.Accept.ParseAdd("text/html");
        var failed = await site.Client.SendAsync(request);
        var page = WebUtility.HtmlDecode(await failed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("IsrBuild.Sample.Pages.PostPage: GetStaticPropsAsync for '/posts/3' failed", page, StringComparison.Ordinal);
        Assert.Contains("no such column: body", page, StringComparison.Ordinal);
        Assert.Contains("PostPage.cs:line", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetRunWithDevelopmentModeOff_ServesIsr_AsPublishedHostsDo()
    {
        var project = await CopySampleAsync();
        using var site = await RunAsync(project, new Dictionary<string, string> { ["Isr__DevelopmentMode"] = "false" });

        var first = await site.Client.GetAsync("/posts/1");
        await SampleDatabase.ExecuteAsync(Path.Combine(Path.GetDirectoryName(project)!, "blog.db"), "UPDATE posts SET title = 'Post 1, edited' WHERE id = 1;");
        var second = await site.Client.GetAsync("/posts/1");

        Assert.Equal("MISS", first.Headers.GetValues(CacheHeader).Single());
        Assert.Equal("HIT", second.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Post 1</h1>", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, RegeneratedStore.CountPages(_directory.Combine("cache")));
    }

    /// <summary>
    /// The sample's sources in a folder of the test's own, its project pointed at src/'s projects and the repository's
    /// MSBuild settings, and built.
    /// </summary>
    private async Task<string> CopySampleAsync()
    {
        var source = Path.GetDirectoryName(Repository.SampleProject)!;
        var target = _directory.Combine("IsrBuild.Sample");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.EndsWith(".db", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        var project = Path.Combine(target, "IsrBuild.Sample.csproj");
        var src = Path.Combine(Repository.Root, "src");
        File.WriteAllText(project, File.ReadAllText(project).Replace(@"..\..\src\", src + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        foreach (var settings in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(_directory.Combine(settings), $"<Project>\n  <Import Project=\"{Path.Combine(Repository.Root, settings)}\" />\n</Project>\n");
        }

        // Release, as every build in the publish group is: the solution's Debug outputs may still be rewritten while the
        // test run builds its other projects, and a build against them raced that.
        var build = await DotnetCli.RunAsync(
            ["build", project, "-c", "Release", "--disable-build-servers", "-nodeReuse:false", "-tl:off", "-nologo"],
            environment: null,
            TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.ToString());
        return project;
    }

    /// <summary><c>dotnet run</c> of the copy, as a developer runs it: its launch profile, its folder as the content root.</summary>
    private Task<SiteProcess> RunAsync(string project, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Isr__CacheDirectory"] = _directory.Combine("cache"),
            ["Isr__RevalidateSecret"] = Secret,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return SiteProcess.StartAsync(Path.GetDirectoryName(project)!, "dotnet", ["run", "--no-build", "-c", "Release", "--project", project, "--"], environment, clearEnvironment: false);
    }

    private static void Edit(string project, string template, string find, string replacement)
    {
        var file = Path.Combine(Path.GetDirectoryName(project)!, "IsrTemplates", template);
        var text = File.ReadAllText(file);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(find, replacement, StringComparison.Ordinal));
    }
}
