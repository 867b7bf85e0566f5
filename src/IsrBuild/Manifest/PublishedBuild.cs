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

    public string Folder { get; } = Path.Combine(environment.ContentRootPath, IsrManifest.FolderName);

    public string BuildId { get; private set; } = UnpublishedBuildId;

    public bool IsLoaded => BuildId != UnpublishedBuildId;

    public void Set(string buildId) => BuildId = buildId;
}
