namespace IsrBuild.Generation;

/// <summary>One representation of a page's HTML (identity, br or gzip): its bytes and their content hash.</summary>
internal sealed record PageRepresentation(byte[] Content, string Hash);
