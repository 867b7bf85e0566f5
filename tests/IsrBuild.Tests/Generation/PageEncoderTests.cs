using System.IO.Compression;
using System.Text;
using IsrBuild.Generation;

namespace IsrBuild.Tests.Generation;

public sealed class PageEncoderTests
{
    private static readonly byte[] Html = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<p>stale while revalidate</p>\n", 200)));

    [Fact]
    public void Variants_DecompressToTheExactHtml()
    {
        var page = PageEncoder.Encode(Html);

        using var brotli = new BrotliStream(new MemoryStream(page.Brotli.Content), CompressionMode.Decompress);
        using var gzip = new GZipStream(new MemoryStream(page.Gzip.Content), CompressionMode.Decompress);
        Assert.Equal(Html, ReadAll(brotli));
        Assert.Equal(Html, ReadAll(gzip));
        Assert.True(page.Brotli.Content.Length < Html.Length / 4);
    }

    [Fact]
    public void SameHtml_GivesByteIdenticalVariantsAndHashes()
    {
        var first = PageEncoder.Encode(Html);
        var second = PageEncoder.Encode([.. Html]);

        Assert.Equal(first.Brotli.Content, second.Brotli.Content);
        Assert.Equal(first.Gzip.Content, second.Gzip.Content);
        Assert.Equal(first.Html.Hash, second.Html.Hash);
    }

    [Fact]
    public void EachRepresentation_HasItsOwnUrlSafeHash()
    {
        var page = PageEncoder.Encode(Html);

        Assert.Equal(3, new[] { page.Html.Hash, page.Brotli.Hash, page.Gzip.Hash }.Distinct().Count());
        Assert.All(new[] { page.Html.Hash, page.Brotli.Hash, page.Gzip.Hash }, hash => Assert.Matches("^[A-Za-z0-9_-]{22}$", hash));
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
