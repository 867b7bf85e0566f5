namespace IsrBuild.Manifest;

/// <summary>The content hash (the strong ETag, unquoted) and length of one representation of a page.</summary>
internal sealed record ManifestRepresentation(string Hash, long Length);
