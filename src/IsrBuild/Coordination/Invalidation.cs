namespace IsrBuild.Coordination;

/// <summary>
/// An invalidation time: every page the target names that was written before <see cref="At"/> is out of date. A
/// revalidation records one instead of walking the pages, so it costs the same at ten pages or a million; pages learn
/// it when they are next asked for. Tags and paths describe data, not builds: an invalidation holds for every build,
/// a rolled-back one included.
/// </summary>
/// <param name="Scope">Whether <paramref name="Target"/> is a tag, a path or a path prefix.</param>
/// <param name="Target">The tag, or the page key (for a prefix, the key without <c>/*</c>: <c>/posts</c>, or <c>/</c> for every page).</param>
/// <param name="At">When it was made; pages written at or after it are untouched.</param>
/// <param name="Mode">Whether those pages are served stale once or render in the request.</param>
public sealed record Invalidation(InvalidationScope Scope, string Target, DateTimeOffset At, InvalidationMode Mode)
{
    /// <summary>One string per target, unique across scopes, for stores that key by string.</summary>
    public string Key => Scope switch
    {
        InvalidationScope.Tag => "tag:" + Target,
        InvalidationScope.Path => "path:" + Target,
        _ => "prefix:" + Target,
    };

    /// <summary>How the target is written in a revalidate call: the tag, the path, or the prefix with <c>/*</c>.</summary>
    public string Display => Scope == InvalidationScope.Prefix ? PrefixPattern(Target) : Target;

    /// <summary>How a prefix is written in a revalidate call: <c>/posts/*</c>, or <c>/*</c> for every page.</summary>
    /// <param name="prefix">The prefix's key (<c>/posts</c>, <c>/</c>).</param>
    public static string PrefixPattern(string prefix) => prefix == "/" ? "/*" : prefix + "/*";

    /// <summary>Whether this one replaces <paramref name="other"/> for the same target: later, or as late and harder.</summary>
    public bool Supersedes(Invalidation? other) =>
        other is null || At > other.At || (At == other.At && Mode > other.Mode);

    /// <summary>The invalidation <paramref name="key"/> names (as <see cref="Key"/> wrote it), or <see langword="null"/> for a malformed one.</summary>
    /// <param name="key">The stored key.</param>
    /// <param name="at">When it was made.</param>
    /// <param name="mode">Its mode.</param>
    public static Invalidation? FromKey(string key, DateTimeOffset at, InvalidationMode mode)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Enum.IsDefined(mode))
        {
            return null;
        }

        var target = key[(colon + 1)..];
        return key[..colon] switch
        {
            "tag" => new Invalidation(InvalidationScope.Tag, target, at, mode),
            "path" => new Invalidation(InvalidationScope.Path, target, at, mode),
            "prefix" => new Invalidation(InvalidationScope.Prefix, target, at, mode),
            _ => null,
        };
    }
}
