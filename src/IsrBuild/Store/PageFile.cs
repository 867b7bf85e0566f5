using System.Buffers.Binary;
using System.Text.Json;
using IsrBuild.Generation;

namespace IsrBuild.Store;

/// <summary>
/// The format of one path's file in the cache directory: a magic number, the header's length, the JSON header,
/// then the HTML, Brotli and gzip bytes. Reading checks every length and hash, so a damaged file is refused
/// rather than served.
/// </summary>
internal static class PageFile
{
    private static ReadOnlySpan<byte> Magic => "ISR1"u8;

    public static byte[] Serialize(StoredPage page)
    {
        var header = new StoredPageHeader
        {
            Path = page.Path,
            Route = page.Route,
            Kind = page.Kind,
            GeneratedAt = page.GeneratedAt,
            Revalidate = page.Revalidate,
            Tags = [.. page.Tags],
            Html = Describe(page.Body?.Html),
            Brotli = Describe(page.Body?.Brotli),
            Gzip = Describe(page.Body?.Gzip),
            RedirectDestination = page.RedirectDestination,
            PermanentRedirect = page.PermanentRedirect,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(header, StoreJsonContext.Default.StoredPageHeader);
        var bodies = page.Body is null ? 0 : page.Body.Html.Content.Length + page.Body.Brotli.Content.Length + page.Body.Gzip.Content.Length;
        var file = new byte[Magic.Length + sizeof(int) + json.Length + bodies];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(Magic.Length), json.Length);
        var offset = Magic.Length + sizeof(int);
        json.CopyTo(file, offset);
        offset += json.Length;
        if (page.Body is { } body)
        {
            foreach (var representation in new[] { body.Html, body.Brotli, body.Gzip })
            {
                representation.Content.CopyTo(file, offset);
                offset += representation.Content.Length;
            }
        }

        return file;
    }

    /// <summary>The page a file holds, or <see langword="null"/> when the file is damaged.</summary>
    public static StoredPage? Deserialize(byte[] file)
    {
        if (file.Length < Magic.Length + sizeof(int) || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(Magic.Length));
        var offset = Magic.Length + sizeof(int);
        if (headerLength <= 0 || headerLength > file.Length - offset)
        {
            return null;
        }

        StoredPageHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(file.AsSpan(offset, headerLength), StoreJsonContext.Default.StoredPageHeader);
        }
        catch (JsonException)
        {
            return null;
        }

        if (header is null)
        {
            return null;
        }

        offset += headerLength;
        EncodedPage? body = null;
        if (header.Kind == StoredPageKind.Page)
        {
            if (header.Html is null || header.Brotli is null || header.Gzip is null
                || !TryRead(file, ref offset, header.Html, out var html)
                || !TryRead(file, ref offset, header.Brotli, out var brotli)
                || !TryRead(file, ref offset, header.Gzip, out var gzip))
            {
                return null;
            }

            body = new EncodedPage(html, brotli, gzip);
        }

        if (offset != file.Length)
        {
            return null;
        }

        return new StoredPage
        {
            Path = header.Path,
            Route = header.Route,
            Kind = header.Kind,
            GeneratedAt = header.GeneratedAt,
            Revalidate = header.Revalidate,
            Tags = header.Tags,
            Body = body,
            RedirectDestination = header.RedirectDestination,
            PermanentRedirect = header.PermanentRedirect,
        };
    }

    /// <summary>Only the header of a page file: enough to index it without reading its bodies.</summary>
    public static StoredPageHeader? ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
        {
            return null;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[Magic.Length..]);
        if (headerLength <= 0 || headerLength > stream.Length - prefix.Length)
        {
            return null;
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        try
        {
            return JsonSerializer.Deserialize(header, StoreJsonContext.Default.StoredPageHeader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StoredBody? Describe(PageRepresentation? representation) =>
        representation is null ? null : new StoredBody { Length = representation.Content.Length, Hash = representation.Hash };

    private static bool TryRead(byte[] file, ref int offset, StoredBody body, out PageRepresentation representation)
    {
        representation = null!;
        if (body.Length < 0 || body.Length > file.Length - offset)
        {
            return false;
        }

        var content = file.AsSpan(offset, body.Length).ToArray();
        offset += body.Length;
        if (PageEncoder.Hash(content) != body.Hash)
        {
            return false;
        }

        representation = new PageRepresentation(content, body.Hash);
        return true;
    }
}
