using System.Globalization;
using IsrBuild.Coordination;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// A page's state as one Redis hash: metadata, the three representations with their hashes (so ETags match on every
/// host), and the fencing token it was written under. Written in one script call, so page and tags never tear.
/// </summary>
internal static class PageEnvelope
{
    /// <summary>The fields of a page's state without its bodies: what a host holding the same bytes reads.</summary>
    public static readonly RedisValue[] MetadataFields =
        ["fence", "route", "kind", "at", "revalidate", "status", "destination", "tags", "html_hash", "br_hash", "gz_hash"];

    /// <summary>
    /// Field and value pairs, in the order the write script sets them: the bodies only with <paramref name="body"/>
    /// (a refresh keeps the ones the hash holds).
    /// </summary>
    public static RedisValue[] Fields(StoredPage page, EncodedPage? body)
    {
        var fields = new List<RedisValue>
        {
            "fence", page.Fence,
            "route", page.Route,
            "kind", (int)page.Kind,
            "at", page.GeneratedAt.ToUnixTimeMilliseconds(),
            "revalidate", page.Revalidate?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            "status", page.RedirectStatus,
            "destination", page.RedirectDestination ?? string.Empty,
            "tags", string.Join(StoredPage.TagSeparator, page.Tags),
        };
        if (page.Kind == StoredPageKind.Page)
        {
            fields.AddRange(["html_hash", page.HtmlHash, "br_hash", page.BrotliHash, "gz_hash", page.GzipHash]);
        }

        if (body is not null)
        {
            fields.AddRange(["html", body.Html.Content, "br", body.Brotli.Content, "gz", body.Gzip.Content]);
        }

        return [.. fields];
    }

    /// <summary>
    /// The state a hash holds, with its bodies when it was read with them; <see langword="null"/> when it is empty or
    /// its bodies are not whole. <paramref name="entries"/> are field and value pairs.
    /// </summary>
    public static (StoredPage Page, EncodedPage? Body)? Read(string path, RedisResult[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < entries.Length; i += 2)
        {
            fields[entries[i].ToString()] = (RedisValue)entries[i + 1];
        }

        RedisValue Field(string name) => fields.TryGetValue(name, out var value) ? value : RedisValue.Null;
        var kind = (StoredPageKind)(int)Field("kind");
        var revalidate = Field("revalidate").ToString();
        var page = new StoredPage
        {
            Path = path,
            Route = Field("route").ToString(),
            Kind = kind,
            GeneratedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)Field("at")),
            Source = PageSource.Regenerated,
            Revalidate = revalidate.Length == 0 ? null : int.Parse(revalidate, CultureInfo.InvariantCulture),
            RedirectStatus = (int)Field("status"),
            RedirectDestination = Field("destination").ToString() is { Length: > 0 } destination ? destination : null,
            Tags = Field("tags").ToString() is { Length: > 0 } tags ? tags.Split(StoredPage.TagSeparator) : [],
            HtmlHash = Field("html_hash").IsNull ? null : Field("html_hash").ToString(),
            BrotliHash = Field("br_hash").IsNull ? null : Field("br_hash").ToString(),
            GzipHash = Field("gz_hash").IsNull ? null : Field("gz_hash").ToString(),
            Fence = (long)Field("fence"),
        };
        if (kind != StoredPageKind.Page || (Field("html").IsNull && Field("br").IsNull && Field("gz").IsNull))
        {
            return (page, null);
        }

        if (Field("html").IsNull || Field("br").IsNull || Field("gz").IsNull)
        {
            return null;
        }

        var body = new EncodedPage(
            new PageRepresentation((byte[])Field("html")!, page.HtmlHash!),
            new PageRepresentation((byte[])Field("br")!, page.BrotliHash!),
            new PageRepresentation((byte[])Field("gz")!, page.GzipHash!));
        return (page, body);
    }
}
