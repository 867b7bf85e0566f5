using System.Diagnostics;
using IsrBuild.Coordination;

namespace IsrBuild.Generation;

/// <summary>What generating one path produced: a page, not-found, or a redirect.</summary>
internal abstract record GenerationResult
{
    private GenerationResult()
    {
    }

    /// <summary>The state this result stores as, generated at <paramref name="generatedAt"/>.</summary>
    public StoredPage ToStoredPage(string path, string route, DateTimeOffset generatedAt)
    {
        var notFound = new StoredPage { Path = path, Route = route, Kind = StoredPageKind.NotFound, GeneratedAt = generatedAt };
        return this switch
        {
            Rendered rendered => notFound with
            {
                Kind = StoredPageKind.Page,
                Revalidate = rendered.Revalidate.Seconds,
                Tags = rendered.Tags,
                HtmlHash = rendered.Page.Html.Hash,
                BrotliHash = rendered.Page.Brotli.Hash,
                GzipHash = rendered.Page.Gzip.Hash,
            },
            Redirect redirect => notFound with
            {
                Kind = StoredPageKind.Redirect,
                Revalidate = redirect.Revalidate.Seconds,
                RedirectDestination = redirect.Destination,
                RedirectStatus = redirect.StatusCode,
            },
            Unchanged same => same.Previous with
            {
                GeneratedAt = generatedAt,
                Revalidate = same.Revalidate.Seconds,
                Tags = same.Tags,
                Source = PageSource.Regenerated,
            },
            NotFound gone => notFound with { Revalidate = gone.Revalidate.Seconds },
            _ => throw new UnreachableException(),
        };
    }

    internal sealed record Rendered(EncodedPage Page, Revalidate Revalidate, IReadOnlyList<string> Tags) : GenerationResult;

    /// <summary>
    /// A page whose HTML is byte for byte the one the store holds (<paramref name="Previous"/>): not compressed, so a
    /// regeneration that changed nothing costs no encoding and, where the store can refresh, no write of its bodies.
    /// </summary>
    internal sealed record Unchanged(StoredPage Previous, byte[] Html, Revalidate Revalidate, IReadOnlyList<string> Tags) : GenerationResult
    {
        /// <summary>Whether the store can keep its bodies and only take the new times: the tags are the stored ones too.</summary>
        public bool KeepsBodies => Tags.SequenceEqual(Previous.Tags, StringComparer.Ordinal);

        /// <summary>The same page as a full result, for a store that no longer holds those bodies.</summary>
        public Rendered Encode() => new(PageEncoder.Encode(Html), Revalidate, Tags);
    }

    internal sealed record NotFound(Revalidate Revalidate) : GenerationResult;

    internal sealed record Redirect(string Destination, int StatusCode, Revalidate Revalidate) : GenerationResult;
}
