using System.Text;

namespace IsrBuild;

/// <summary>
/// The key a page is stored and served under: its path with every segment decoded, except that a <c>%</c> or a
/// <c>/</c> inside a segment stays encoded (<c>%25</c>, <c>%2F</c>), so <c>/blog/first%2Fpost</c> (one segment
/// <c>first/post</c>) and <c>/blog/first%252Fpost</c> (one segment <c>first%2Fpost</c>) are two pages, as in
/// Next.js. A trailing slash is removed and <c>/index</c> read as <c>/</c>. Any other character (<c>/tags/商業日語</c>,
/// <c>/tags/a b</c>) is kept as it is.
/// </summary>
internal static class PagePath
{
    public static string Normalize(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        var end = path.Length;
        while (end > 1 && path[end - 1] == '/')
        {
            end--;
        }

        var trimmed = end == path.Length ? path : path[..end];
        return trimmed.Equals("/index", StringComparison.Ordinal) ? "/" : trimmed;
    }

    /// <summary>A decoded segment as it appears in a key: its <c>%</c> and <c>/</c> encoded, nothing else.</summary>
    public static string EscapeSegment(string segment)
    {
        if (segment.AsSpan().IndexOfAny('%', '/') < 0)
        {
            return segment;
        }

        var builder = new StringBuilder(segment.Length + 8);
        foreach (var c in segment)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '/' => "%2F",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A route value taken from a key, decoded: <c>first%2Fpost</c> is <c>first/post</c>.</summary>
    public static string UnescapeValue(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
