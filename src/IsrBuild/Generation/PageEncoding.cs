namespace IsrBuild.Generation;

/// <summary>Which representation of a page a response carries.</summary>
internal enum PageEncoding
{
    Identity,
    Brotli,
    Gzip,
}
