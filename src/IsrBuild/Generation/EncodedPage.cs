namespace IsrBuild.Generation;

/// <summary>A page's HTML and its precompressed variants, each with the content hash that is its ETag.</summary>
internal sealed record EncodedPage(PageRepresentation Html, PageRepresentation Brotli, PageRepresentation Gzip);
