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

    /// <summary>
    /// A new folder holding a <c>dotnet new web</c> site that uses the package the way the README says, with the first
    /// page docs/pages.md gives (<c>/hello/{name}</c>, listing <c>world</c> and <c>dotnet</c>), file for file.
    /// </summary>
    internal async Task<string> CreateSiteAsync(TemporaryDirectory directory, string? packagesFolder = null)
    {
        var site = await CreateFromTemplateAsync(directory, ["web"], packagesFolder);
        Directory.CreateDirectory(Path.Combine(site, "IsrTemplates"));
        foreach (var file in new[] { "Program.cs", "HelloPage.cs", "IsrTemplates/Hello.cshtml" })
        {
            File.WriteAllText(Path.Combine(site, file), Documentation.FileIn("pages.md", file));
        }

        return site;
    }

    /// <summary>
    /// A new folder holding a site made by <c>dotnet new</c> with <paramref name="template"/>, with the package added
    /// by the README's own commands, restoring into <paramref name="packagesFolder"/> (this run's by default).
    /// </summary>
    internal async Task<string> CreateFromTemplateAsync(TemporaryDirectory directory, string[] template, string? packagesFolder = null)
    {
        Assert.True(Result.ExitCode == 0, Result.ToString());
        var site = directory.Combine("Site");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packagesFolder ?? PackagesFolder };
        await RunAsync(["new", .. template, "-o", site, "--no-restore"], environment, directory.Path);
        foreach (var command in Documentation.InstallCommands(Feed))
        {
            await RunAsync(command, environment, site);
        }

        return site;
    }

    internal Task<string> CreateFromTemplateAsync(TemporaryDirectory directory, params string[] template) =>
        CreateFromTemplateAsync(directory, template, packagesFolder: null);

    internal Task<ProcessResult> PublishAsync(string site, string output, params string[] extraArguments) =>
        PublishAsync(site, output, new Dictionary<string, string>(), extraArguments);

    /// <summary>Publishes the site with <paramref name="environment"/> set for its code (the generator runs it).</summary>
    /// <remarks>NUGET_PACKAGES is this run's packages folder unless <paramref name="environment"/> names another.</remarks>
    internal Task<ProcessResult> PublishAsync(string site, string output, Dictionary<string, string> environment, params string[] extraArguments)
    {
        var all = new Dictionary<string, string>(environment);
        all.TryAdd("NUGET_PACKAGES", PackagesFolder);
        return DotnetCli.PublishAsync(Path.Combine(site, "Site.csproj"), output, all, extraArguments);
    }

    private static async Task RunAsync(string[] arguments, Dictionary<string, string> environment, string workingDirectory)
    {
        var result = await DotnetCli.RunAsync(arguments, environment, TimeSpan.FromMinutes(10), workingDirectory);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)}\n{result}");
    }
}
