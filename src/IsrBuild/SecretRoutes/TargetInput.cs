using System.Globalization;
namespace IsrBuild.SecretRoutes;

/// <summary>Checks the paths and tags a call behind the secret names (revalidate, status, draft), so nothing malformed reaches generation or the disk.</summary>
internal static class TargetInput
{
    public const int MaxPathLength = 2048;

    /// <summary>Why the paths and tags a call names cannot be taken, or <see langword="null"/>.</summary>
    /// <param name="paths">The paths named.</param>
    /// <param name="tags">The tags named.</param>
    /// <param name="maxItems">How many the call may name together (<c>Isr:MaxRevalidateItems</c>).</param>
    public static string? ProblemWith(List<string> paths, List<string> tags, int maxItems)
    {
        if (paths.Count == 0 && tags.Count == 0)
        {
            return "Name at least one path (path=/posts/42) or tag (tag=post:42).";
        }

        if (paths.Count + tags.Count > maxItems)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A call may name at most {maxItems} paths and tags together (Isr:MaxRevalidateItems); it named {paths.Count + tags.Count}.");
        }

        return paths.Select(ProblemWithPath).FirstOrDefault(p => p is not null)
            ?? tags.Select(ProblemWithTag).FirstOrDefault(p => p is not null);
    }

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
