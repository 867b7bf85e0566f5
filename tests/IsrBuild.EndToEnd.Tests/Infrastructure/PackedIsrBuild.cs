namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The IsrBuild package packed once per test run into a folder feed, with a NuGet packages folder of its own so
/// no copy restored earlier on this machine can stand in for the one just packed.
/// </summary>
public sealed class PackedIsrBuild : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    internal string Feed => _directory.Combine("feed");

    internal string PackagesFolder => _directory.Combine("packages");

    internal string Version { get; private set; } = string.Empty;

    internal ProcessResult Result { get; private set; } = new(-1, string.Empty);

    public async Task InitializeAsync()
    {
        Result = await ReleaseBuilds.OneAtATimeAsync(() => DotnetCli.RunAsync(
            ["pack", Path.Combine(Repository.Root, "src", "IsrBuild.Package", "IsrBuild.Package.csproj"), "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false", "-tl:off"],
            environment: null,
            TimeSpan.FromMinutes(5)));
        var package = Directory.Exists(Feed) ? Directory.EnumerateFiles(Feed, "IsrBuild.*.nupkg").SingleOrDefault() : null;
        Version = package is null ? string.Empty : Path.GetFileNameWithoutExtension(package)["IsrBuild.".Length..];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _directory.Dispose();

    /// <summary>A new folder holding a <c>dotnet new web</c> site that uses the package the way the README says.</summary>
    internal async Task<string> CreateSiteAsync(TemporaryDirectory directory)
    {
        var site = await CreateFromTemplateAsync(directory, "web");
        Directory.CreateDirectory(Path.Combine(site, "IsrTemplates"));
        File.WriteAllText(Path.Combine(site, "IsrTemplates", "Hello.cshtml"), """
            @model HelloModel
            <!DOCTYPE html>
            <html><body><h1>Hello, @Model.Name!</h1></body></html>
            """);
        File.WriteAllText(Path.Combine(site, "HelloPage.cs"), """
            using IsrBuild;

            public sealed class HelloPage : IsrPage
            {
                public override string Route => "/hello/{name}";

                public override string Template => "Hello.cshtml";

                public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken) =>
                    Task.FromResult(StaticPaths.From([new { name = "world" }, new { name = "dotnet" }], FallbackMode.Blocking));

                public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken) =>
                    Task.FromResult(StaticProps.Page(new HelloModel(context.RouteValues["name"]), Revalidate.AfterSeconds(60)));
            }

            public sealed record HelloModel(string Name);
            """);
        File.WriteAllText(Path.Combine(site, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddIsr();

            var app = builder.Build();
            app.MapIsr();
            app.Run();
            """);
        return site;
    }

    /// <summary>A new folder holding a site made by <c>dotnet new</c> with <paramref name="template"/>, with the package added.</summary>
    internal async Task<string> CreateFromTemplateAsync(TemporaryDirectory directory, params string[] template)
    {
        Assert.True(Result.ExitCode == 0, Result.ToString());
        File.WriteAllText(directory.Combine("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="isrbuild-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var site = directory.Combine("Site");
        await RunAsync(["new", .. template, "-o", site, "--no-restore"]);
        await RunAsync(["add", Path.Combine(site, "Site.csproj"), "package", "IsrBuild", "--version", Version]);
        return site;
    }

    internal Task<ProcessResult> PublishAsync(string site, string output, params string[] extraArguments) =>
        PublishAsync(site, output, new Dictionary<string, string>(), extraArguments);

    /// <summary>Publishes the site with <paramref name="environment"/> set for its code (the generator runs it).</summary>
    internal Task<ProcessResult> PublishAsync(string site, string output, Dictionary<string, string> environment, params string[] extraArguments) =>
        DotnetCli.PublishAsync(Path.Combine(site, "Site.csproj"), output, new Dictionary<string, string>(environment) { ["NUGET_PACKAGES"] = PackagesFolder }, extraArguments);

    private async Task RunAsync(string[] arguments)
    {
        var result = await DotnetCli.RunAsync(arguments, new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder }, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
