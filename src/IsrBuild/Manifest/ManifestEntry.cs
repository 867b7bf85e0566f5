namespace IsrBuild.Manifest;

/// <summary>
/// One path of the manifest: a page (with the hash and length of each representation and its tags), a redirect
/// (destination and status code) or a not-found, each with its interval.
/// </summary>
internal sealed record ManifestEntry(
    string Path,
    string Route,
    int? Revalidate,
    IReadOnlyList<string> Tags,
    ManifestRepresentation? Html,
    ManifestRepresentation? Brotli,
    ManifestRepresentation? Gzip,
    string? Destination,
    int StatusCode);
