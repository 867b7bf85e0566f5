using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Publishing;

[Collection(PublishGroup.Name)]
public sealed class TestSitePublishTests
{
    [Fact]
    public async Task Publish_RecordsNotFoundPathsAndRedirectsWithoutWritingPagesForThem()
    {
        using var directory = new TemporaryDirectory();
        var output = directory.Combine("out");

        var result = await DotnetCli.PublishAsync(Repository.TestSiteProject, output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifest = PublishedManifest.Read(output);
        Assert.Equal(["/items/a", "/items/b", "/items/boom"], manifest.PagePaths);
        Assert.Equal(["/items/gone"], manifest.Root.GetProperty("notFound").EnumerateArray().Select(p => p.GetString()));
        var redirect = manifest.Root.GetProperty("redirects").GetProperty("/items/moved");
        Assert.Equal("/items/a", redirect.GetProperty("destination").GetString());
        Assert.True(redirect.GetProperty("permanent").GetBoolean());
        Assert.False(File.Exists(Path.Combine(output, "isr", "pages", "items", "gone.html")));
        Assert.Equal("false", manifest.Root.GetProperty("routes").GetProperty("/items/{slug}").GetProperty("fallback").GetString());
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
}
