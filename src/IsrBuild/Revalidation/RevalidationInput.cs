namespace IsrBuild.Revalidation;

/// <summary>Checks what a revalidate call names, so nothing malformed reaches generation or the disk.</summary>
internal static class RevalidationInput
{
    public const int MaxPathLength = 2048;

    /// <summary>Why <paramref name="path"/> is refused, or <see langword="null"/> when it is an absolute local path.</summary>
    public static string? ProblemWithPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "A path is empty.";
        }

        if (path.Length > MaxPathLength)
        {
            return $"A path is longer than {MaxPathLength} characters.";
        }

        if (path.Any(char.IsControl))
        {
            return "A path contains a control character.";
        }

        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return $"'{path}' is not an absolute local path such as /posts/42 (no scheme, host or backslash).";
        }

        if (path.Contains("://", StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            return $"'{path}' is not a plain path: leave out any scheme, query string or fragment.";
        }

        if (path.Split('/').Any(segment => segment is "." or ".."))
        {
            return $"'{path}' contains a '.' or '..' segment.";
        }

        return null;
    }

    /// <summary>Why <paramref name="tag"/> is refused, or <see langword="null"/> when it is a valid tag (as pages' tags are).</summary>
    public static string? ProblemWithTag(string? tag) => StaticProps.ProblemWithTag(tag);

    /// <summary>
    /// Whether <paramref name="path"/> names a prefix (<c>/posts/*</c>, or <c>/*</c> for every page), and which:
    /// the path without <c>/*</c>, normalized (<c>/posts</c>, <c>/</c>).
    /// </summary>
    public static bool IsPrefix(string path, out string prefix)
    {
        if (path == "/*")
        {
            prefix = "/";
            return true;
        }

        if (path.Length > 2 && path.EndsWith("/*", StringComparison.Ordinal))
        {
            prefix = PagePath.Normalize(path[..^2]);
            return true;
        }

        prefix = path;
        return false;
    }
}
