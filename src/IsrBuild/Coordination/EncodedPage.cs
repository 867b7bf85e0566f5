namespace IsrBuild.Coordination;

/// <summary>A page's HTML and its precompressed variants, each with the content hash that is its ETag.</summary>
/// <param name="Html">The HTML as UTF-8.</param>
/// <param name="Brotli">The HTML compressed with Brotli.</param>
/// <param name="Gzip">The HTML compressed with gzip.</param>
public sealed record EncodedPage(PageRepresentation Html, PageRepresentation Brotli, PageRepresentation Gzip)
{
    /// <summary>The bytes of all three representations.</summary>
    public long Size => Html.Content.Length + Brotli.Content.Length + Gzip.Content.Length;

    /// <summary>The representation of <paramref name="encoding"/>.</summary>
    /// <param name="encoding">Which one.</param>
    public PageRepresentation this[PageEncoding encoding] => encoding switch
    {
        PageEncoding.Brotli => Brotli,
        PageEncoding.Gzip => Gzip,
        _ => Html,
    };
}
