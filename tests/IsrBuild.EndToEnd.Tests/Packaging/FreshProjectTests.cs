using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Packaging;

/// <summary>The package as users get it: packed, added to a fresh <c>dotnet new web</c> site, published, started.</summary>
[Collection(PublishGroup.Name)]
public sealed class FreshProjectTests(PackedIsrBuild package) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Package_HasTheLibraryTheTargetsTheTaskAndTheGenerator_AndNoMSBuildDependency()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.ToString());
        using var archive = ZipFile.OpenRead(Path.Combine(package.Feed, $"IsrBuild.{package.Version}.nupkg"));
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/IsrBuild.dll", entries);
        Assert.Contains("build/IsrBuild.props", entries);
        Assert.Contains("build/IsrBuild.targets", entries);
        Assert.Contains("tasks/net10.0/IsrBuild.Tasks.dll", entries);
        Assert.Contains("tools/net10.0/IsrBuild.Generator.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("buildTransitive/", StringComparison.Ordinal));

        using var nuspec = archive.GetEntry("IsrBuild.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        Assert.Contains("RazorLight", dependencies);
        Assert.Contains("Microsoft.Data.Sqlite", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.Build", StringComparison.Ordinal));
        Assert.Equal("MIT", metadata.Elements().Single(e => e.Name.LocalName == "license").Value);
    }

    [Fact]
    public async Task FreshWebSite_WithThePackage_PrerendersAtPublish_AndServesThePages()
    {
        var site = await package.CreateSiteAsync(_directory);
        var output = _directory.Combine("out");

        var publish = await package.PublishAsync(site, output);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains("IsrBuild: prerendered 2 pages", publish.Output, StringComparison.Ordinal);
        Assert.Contains("/hello/world", PublishedManifest.Read(output).PagePaths);
        using var server = await SiteProcess.StartAsync(output, "Site", new Dictionary<string, string>());
        var prerendered = await server.Client.GetAsync("/hello/world");
        var rendered = await server.Client.GetAsync("/hello/visitor");

        Assert.Equal("HIT", prerendered.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Hello, world!</h1>", await prerendered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("MISS", rendered.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Hello, visitor!</h1>", await rendered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfContainedPublish_Prerenders_AndRunsWithNoDotnetOnThePath()
    {
        var site = await package.CreateSiteAsync(_directory);
        var output = _directory.Combine("self-contained");

        var publish = await package.PublishAsync(site, output, "-r", "linux-x64", "--self-contained");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains("/hello/dotnet", PublishedManifest.Read(output).PagePaths);
        Assert.True(File.Exists(Path.Combine(output, "libcoreclr.so")), "the output carries its own runtime");
        using var server = await SiteProcess.StartAsync(
            output,
            Path.Combine(output, "Site"),
            [],
            new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = _directory.Path },
            clearEnvironment: true);
        var prerendered = await server.Client.GetAsync("/hello/dotnet");
        var rendered = await server.Client.GetAsync("/hello/bare-vm");

        Assert.Equal(HttpStatusCode.OK, prerendered.StatusCode);
        Assert.Contains("<h1>Hello, dotnet!</h1>", await prerendered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<h1>Hello, bare-vm!</h1>", await rendered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
