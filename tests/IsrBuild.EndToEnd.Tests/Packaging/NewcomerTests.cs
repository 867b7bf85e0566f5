using System.IO.Compression;
using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Packaging;

/// <summary>
/// A newcomer's first hour, with the docs alone: the README's install commands on a machine whose NuGet cache is
/// empty, the first page as docs/pages.md gives it, publish, and the host started from the project folder.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class NewcomerTests(PackedIsrBuild package) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WithAnEmptyNuGetCache_TheDocsFirstPage_Publishes_AndServesPrerenderedFromTheProjectFolder()
    {
        // Nothing restored before on this "machine": every package comes from the feed or the registry.
        var emptyCache = _directory.Combine("empty-nuget-packages");
        Directory.CreateDirectory(emptyCache);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = emptyCache, ["NUGET_HTTP_CACHE_PATH"] = _directory.Combine("empty-http-cache") };
        var site = await package.CreateSiteAsync(_directory, emptyCache);

        var publish = await DotnetCli.RunAsync(["publish", "-c", "Release", "-o", "out", "--disable-build-servers", "-nodeReuse:false", "-tl:off"], environment, TimeSpan.FromMinutes(10), site);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(Directory.Exists(Path.Combine(emptyCache, "razorlight")), "RazorLight was restored into the empty cache");
        Assert.Contains("/hello/world", PublishedManifest.Read(Path.Combine(site, "out")).PagePaths);

        // As the README says: `dotnet out/YourSite.dll`, from the project folder.
        using var server = await SiteProcess.StartAsync(site, "dotnet", [Path.Combine("out", "Site.dll")], new Dictionary<string, string>(), clearEnvironment: false);
        var prerendered = await server.Client.GetAsync("/hello/world");
        var rendered = await server.Client.GetAsync("/hello/newcomer");

        Assert.Equal("HIT", prerendered.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Hello, world!</h1>", await prerendered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("MISS", rendered.Headers.GetValues(CacheHeader).Single());
        Assert.DoesNotContain("No ISR manifest", server.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(site, "isr-cache")), "the cache belongs beside the published app, not among the sources");
        Assert.True(Directory.Exists(Path.Combine(site, "out", "isr-cache")), "the cache is kept beside the published app");
    }

    [Fact]
    public async Task AForgottenMapIsr_StopsTheHostSayingSo_AndTemplateWarningsPointAtTheirFileLineAndColumn()
    {
        var site = await package.CreateSiteAsync(_directory);
        var program = Path.Combine(site, "Program.cs");
        File.WriteAllLines(program, File.ReadAllLines(program).Where(line => !line.Contains("app.MapIsr()", StringComparison.Ordinal)));
        File.WriteAllText(Path.Combine(site, "IsrTemplates", "Nav.cshtml"), "@model MySite.HelloModel\n<nav><a asp-page=\"/Index\">Home</a></nav>\n");
        File.WriteAllText(Path.Combine(site, "IsrTemplates", "Broken.cshtml"), "@model MySite.HelloModel\n\n<p>@Model.Nmae</p>\n");
        var output = _directory.Combine("out");

        var publish = await package.PublishAsync(site, output);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains($"{Path.Combine(site, "IsrTemplates", "Nav.cshtml")}(2,9): warning ISRB3004: 'asp-page' is tag-helper syntax", publish.Output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(site, "IsrTemplates", "Broken.cshtml")}(3,", publish.Output, StringComparison.Ordinal);
        Assert.Contains("warning ISRB3002: Template 'Broken.cshtml' does not compile: Broken.cshtml(3,", publish.Output, StringComparison.Ordinal);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var server = await SiteProcess.StartAsync(output, "Site", new Dictionary<string, string>());
        });
        Assert.Contains("call 'app.MapIsr()' after 'builder.Build()'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRedisPackage_CarriesAReadmeOfItsOwn()
    {
        var pack = await ReleaseBuilds.OneAtATimeAsync(() => DotnetCli.RunAsync(
            ["pack", Path.Combine(Repository.Root, "src", "IsrBuild.Redis", "IsrBuild.Redis.csproj"), "-c", "Release", "-o", _directory.Combine("feed"), "--disable-build-servers", "-nodeReuse:false", "-tl:off"],
            environment: null,
            TimeSpan.FromMinutes(5)));

        Assert.True(pack.ExitCode == 0, pack.ToString());
        using var archive = ZipFile.OpenRead(Directory.EnumerateFiles(_directory.Combine("feed"), "IsrBuild.Redis.*.nupkg").Single());
        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        Assert.StartsWith("# IsrBuild.Redis", await readme.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
