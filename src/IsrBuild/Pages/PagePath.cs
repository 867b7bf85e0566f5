using System.Security.Cryptography;
using System.Text;

namespace IsrBuild;

/// <summary>
/// The key a page is stored and served under: its decoded path, with a trailing slash removed and <c>/index</c>
/// read as <c>/</c> (as Next.js keys its cache), and the file that holds its HTML.
/// </summary>
internal static class PagePath
{
    private const int MaxFileSegmentLength = 120;

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

    /// <summary>
    /// The HTML file of a path, relative to the pages folder: <c>/</c> is <c>index.html</c>, <c>/posts/1</c> is
    /// <c>posts/1.html</c>. Segments are percent-encoded so any route value makes a portable file name; an overlong
    /// segment is replaced by its hash so no name exceeds the file system's limit.
    /// </summary>
    public static string ToFileName(string path)
    {
        if (path == "/")
        {
            return "index.html";
        }

        var segments = path[1..].Split('/');
        var builder = new StringBuilder(path.Length + 8);
        foreach (var segment in segments)
        {
            if (builder.Length > 0)
            {
                builder.Append('/');
            }

            var encoded = Uri.EscapeDataString(segment);
            builder.Append(encoded.Length <= MaxFileSegmentLength ? encoded : "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(segment))));
        }

        return builder.Append(".html").ToString();
    }
}
