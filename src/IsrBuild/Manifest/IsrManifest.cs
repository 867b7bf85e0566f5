namespace IsrBuild.Manifest;

/// <summary>
/// <c>isr/isr-manifest.json</c>: every path publish produced, with its route, interval, tags and the hash and length
/// of each representation; the route table with each route's fallback mode. A versioned contract: a reader refuses
/// a version it does not know. The pages themselves live in the published store beside it.
/// </summary>
internal static class IsrManifest
{
    /// <summary>Version 2: pages moved from one file each into <c>isr-pages.db</c>; not-found and redirects carry intervals.</summary>
    public const int CurrentVersion = 2;

    public const string FolderName = "isr";

    public const string FileName = "isr-manifest.json";
}
