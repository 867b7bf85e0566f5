using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using IsrBuild.Coordination;

namespace IsrBuild.Generation;

/// <summary>
/// Makes a page's Brotli and gzip variants and hashes each one. Levels chosen by measurement on the sample's
/// 9.7 KB posts (bench/RESULTS.md): Brotli 6 gives 2,048 bytes in 0.18 ms where 11 gives 1,857 bytes in 9.8 ms,
/// fifty times the cost for 9 % less; zlib 6 is within 0.3 % of level 9 at half its cost.
/// </summary>
internal static class PageEncoder
{
    public const int BrotliQuality = 6;

    public const int BrotliWindow = 22;

    public const int GzipLevel = 6;

    /// <summary>Names the settings above: encodings made with other settings are never reused.</summary>
    public static readonly string Settings = $"br{BrotliQuality}w{BrotliWindow}-gz{GzipLevel}";

    public static EncodedPage Encode(byte[] html) => Encode(html, Hash(html));

    /// <summary>Encodes <paramref name="html"/>, whose hash the caller has already taken.</summary>
    public static EncodedPage Encode(byte[] html, string htmlHash) =>
        new(new PageRepresentation(html, htmlHash), Represent(Brotli(html)), Represent(Gzip(html)));

    /// <summary>The strong ETag value of a representation: 128 bits of its SHA-256, base64url.</summary>
    public static string Hash(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        return Convert.ToBase64String(digest[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static PageRepresentation Represent(byte[] content) => new(content, Hash(content));

    private static byte[] Brotli(byte[] html)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(html.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(html, buffer, out var written, BrotliQuality, BrotliWindow))
            {
                throw new InvalidOperationException("Brotli compression of a page did not fit its maximum compressed length.");
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Gzip(byte[] html)
    {
        using var output = new MemoryStream(html.Length / 3 + 64);
        using (var gzip = new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: true))
        {
            gzip.Write(html);
        }

        return output.ToArray();
    }
}
