namespace IsrBuild.Manifest;

/// <summary>How many pages, redirects and not-found paths a manifest lists.</summary>
internal sealed record ManifestCounts(int Pages, int Redirects, int NotFound);
