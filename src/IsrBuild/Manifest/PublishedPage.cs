namespace IsrBuild.Manifest;

/// <summary>
/// What the host keeps in memory for one prerendered path: eight bytes beside the path itself, so a manifest of a
/// million pages costs tens of megabytes. The files' names follow from the path; their hashes are computed when a
/// page is read.
/// </summary>
/// <param name="RouteIndex">The page's route, as an index into <see cref="ManifestIndex.RouteTemplates"/>.</param>
/// <param name="RevalidateSeconds">Its interval, or -1 for a page regenerated only on demand.</param>
internal readonly record struct PublishedPage(int RouteIndex, int RevalidateSeconds)
{
    public int? Revalidate => RevalidateSeconds < 0 ? null : RevalidateSeconds;
}
