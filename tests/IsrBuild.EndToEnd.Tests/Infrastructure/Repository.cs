namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>Paths in this repository, found from the test assembly's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SampleProject => Path.Combine(Root, "sample", "IsrBuild.Sample", "IsrBuild.Sample.csproj");

    public static string ComponentsSampleProject => Path.Combine(Root, "sample", "IsrBuild.Sample.Components", "IsrBuild.Sample.Components.csproj");

    public static string TestSiteProject => Path.Combine(Root, "tests", "IsrBuild.TestSite", "IsrBuild.TestSite.csproj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IsrBuild.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IsrBuild.sln above {AppContext.BaseDirectory}.");
    }
}
