using Microsoft.Extensions.Hosting;

namespace IsrBuild.Manifest;

/// <summary>
/// Which build the host serves: the app's <c>isr</c> folder and the build id its manifest names (set once the
/// manifest is read at startup), which keys everything the host keeps for this build.
/// </summary>
internal sealed class PublishedBuild(IHostEnvironment environment)
{
    /// <summary>The build id of a host that has no manifest.</summary>
    public const string UnpublishedBuildId = "unpublished";

    /// <summary>
    /// The folder the host's ISR files are relative to: the content root, unless it holds no published manifest and
    /// the app's own folder does. <c>dotnet out/Site.dll</c> run from the project folder has the project as its content
    /// root, beside the sources; the pages publish wrote are in <c>out/</c>, and so belongs the cache kept for them.
    /// </summary>
    public string Root { get; } = RootOf(environment.ContentRootPath, AppContext.BaseDirectory);

    public string Folder => Path.Combine(Root, IsrManifest.FolderName);

    public string BuildId { get; private set; } = UnpublishedBuildId;

    public bool IsLoaded => BuildId != UnpublishedBuildId;

    public void Set(string buildId) => BuildId = buildId;

    internal static string RootOf(string contentRoot, string appDirectory) =>
        !HasManifest(contentRoot) && HasManifest(appDirectory) ? Path.GetFullPath(appDirectory) : contentRoot;

    private static bool HasManifest(string root) => File.Exists(Path.Combine(root, IsrManifest.FolderName, IsrManifest.FileName));
}
