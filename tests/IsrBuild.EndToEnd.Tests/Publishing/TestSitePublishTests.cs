using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Publishing;

[Collection(PublishGroup.Name)]
public sealed class TestSitePublishTests(PublishedTestSite site)
{
    [Fact]
    public void Publish_RecordsNotFoundPathsAndRedirectsWithoutWritingPagesForThem()
    {
        Assert.True(site.Result.ExitCode == 0, site.Result.ToString());
        var manifest = site.Manifest;
        Assert.Equal(["/items/a", "/items/b", "/items/boom"], manifest.PagePaths.Where(p => p.StartsWith("/items/", StringComparison.Ordinal)));
        Assert.Equal(["/items/gone"], manifest.Root.GetProperty("notFound").EnumerateObject().Select(p => p.Name));
        var redirect = manifest.Root.GetProperty("redirects").GetProperty("/items/moved");
        Assert.Equal("/items/a", redirect.GetProperty("destination").GetString());
        Assert.Equal(308, redirect.GetProperty("statusCode").GetInt32());
        Assert.Null(manifest.BodyOf("/items/gone", "html"));
        Assert.Equal("false", manifest.Root.GetProperty("routes").GetProperty("/items/{slug}").GetProperty("fallback").GetString());
    }

    [Fact]
    public void Publish_OfPathsWithAnyCharacters_Succeeds_AndListsEachOnceAsItsKey()
    {
        Assert.True(site.Result.ExitCode == 0, site.Result.ToString());
        var paths = site.Manifest.PagePaths;

        Assert.Contains("/tags/商業日語", paths);
        Assert.Contains("/tags/a b", paths);
        Assert.Contains("/tags/[x]", paths);
        Assert.Contains("/tags/c++", paths);
        Assert.Contains("/tags/q&a", paths);
        Assert.Contains("/tags/100%25", paths);
        Assert.Contains("/tags/first%2Fpost", paths);
        Assert.Contains("/tags/Müller", paths);
        Assert.Contains("/docs/a b/商業", paths);
        Assert.Single(paths, p => p == "/docs/guide/intro/setup");
        Assert.Contains("<h1>Tag 商業日語</h1>", System.Net.WebUtility.HtmlDecode(site.Manifest.HtmlOf("/tags/商業日語")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageWhoseStaticPropsThrows_FailsThePublishWithAnErrorNamingThePageThePathAndTheLine()
    {
        using var directory = new TemporaryDirectory();

        var result = await DotnetCli.PublishAsync(
            Repository.TestSiteProject,
            directory.Combine("out"),
            new Dictionary<string, string> { ["TestSite__ThrowOnSlug"] = "boom" });

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n'), line => line.Contains("error ISRB2002", StringComparison.Ordinal));
        Assert.Contains("IsrBuild.TestSite.Pages.ItemsPage", error, StringComparison.Ordinal);
        Assert.Contains("'/items/boom'", error, StringComparison.Ordinal);
        Assert.Contains("The item 'boom' could not be loaded.", error, StringComparison.Ordinal);
        Assert.Matches(@"ItemsPage\.cs\(\d+,\d+\)", error);
        Assert.False(Directory.Exists(directory.Combine("out", "isr")));
    }

    [Fact]
    public async Task PathListedInALocaleTheSiteDoesNotHave_FailsThePublishWithISRB2004NamingThePageAndThePath()
    {
        using var directory = new TemporaryDirectory();

        // appsettings.json lists en and fr; the environment makes the second one de, and ArticlesPage lists a French path.
        var result = await DotnetCli.PublishAsync(
            Repository.TestSiteProject,
            directory.Combine("out"),
            new Dictionary<string, string> { ["Isr__Locales__1"] = "de" });

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n'), line => line.Contains("error ISRB2004", StringComparison.Ordinal));
        Assert.Contains("IsrBuild.TestSite.Pages.ArticlesPage", error, StringComparison.Ordinal);
        Assert.Contains("'/articles/bonjour' names the locale 'fr'", error, StringComparison.Ordinal);
        Assert.Contains("en, de", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteThatForgetsAddIsr_FailsThePublishWithISRB1003SayingWhatToCall()
    {
        using var directory = new TemporaryDirectory();

        var result = await DotnetCli.PublishAsync(
            Repository.TestSiteProject,
            directory.Combine("out"),
            new Dictionary<string, string> { ["TestSite__ForgetAddIsr"] = "true" });

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n'), line => line.Contains("error ISRB1003", StringComparison.Ordinal));
        Assert.Contains("builder.Services.AddIsr()", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_PrerendersTheListedEndpointPages_ThroughTheSitesPipeline_AndWarnsOfTheOneThatSetsACookie()
    {
        Assert.True(site.Result.ExitCode == 0, site.Result.ToString());
        var paths = site.Manifest.PagePaths;
        var shelf = site.Manifest.HtmlOf("/shelf/1");
        var warning = Assert.Single(site.Result.Output.Split('\n'), line => line.Contains("warning ISRB3003", StringComparison.Ordinal));

        Assert.Contains("/shelf/2", paths);
        Assert.Contains("/note/hello", paths);
        Assert.DoesNotContain("/note/cookie", paths);
        Assert.Contains("<h1>Shelf 1</h1>", shelf, StringComparison.Ordinal);
        Assert.Contains("<title>Shelf 1 - Test site</title>", shelf, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/shelf/1\">First shelf</a>", shelf, StringComparison.Ordinal);
        Assert.Contains("<h1>Note hello</h1>", site.Manifest.HtmlOf("/note/hello"), StringComparison.Ordinal);
        Assert.Contains("/note/cookie", warning, StringComparison.Ordinal);
        Assert.Contains("note-session", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_OfAListedEndpointPathThatThrows_OrABadList_Fails_NamingThePathTheEndpointAndTheException()
    {
        using var directory = new TemporaryDirectory();

        var result = await ReleaseBuilds.OneAtATimeAsync(() => DotnetCli.PublishAsync(
            Repository.TestSiteProject,
            directory.Combine("out"),
            new Dictionary<string, string> { ["TestSite__FailingEndpoint"] = "true" }));

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n'), line => line.Contains("error ISRB3001", StringComparison.Ordinal));
        Assert.Contains("'/note/boom'", error, StringComparison.Ordinal);
        Assert.Contains("HTTP: GET /note/{slug}", error, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: The note store is down.", error, StringComparison.Ordinal);
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("error ISRB2004", StringComparison.Ordinal) && line.Contains("'/no/such/page', but no endpoint", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("error ISRB2004", StringComparison.Ordinal) && line.Contains("'relative', which is not a local path", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("error ISRB2001", StringComparison.Ordinal) && line.Contains("The path list is down.", StringComparison.Ordinal));
    }
}
