namespace IsrBuild.Generation;

/// <summary>A page's HTML and its precompressed variants, each with the content hash that is its ETag.</summary>
internal sealed record EncodedPage(PageRepresentation Html, PageRepresentation Brotli, PageRepresentation Gzip)
{
    /// <summary>The bytes of all three representations.</summary>
    public long Size => Html.Content.Length + Brotli.Content.Length + Gzip.Content.Length;

    public PageRepresentation this[PageEncoding encoding] => encoding switch
    {
        PageEncoding.Brotli => Brotli,
        PageEncoding.Gzip => Gzip,
        _ => Html,
    };
}
