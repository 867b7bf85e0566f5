namespace IsrBuild.Coordination;

/// <summary>One representation of a page's HTML (identity, br or gzip): its bytes and their content hash.</summary>
/// <param name="Content">The bytes sent.</param>
/// <param name="Hash">Their content hash: the strong ETag, unquoted.</param>
public sealed record PageRepresentation(byte[] Content, string Hash);
