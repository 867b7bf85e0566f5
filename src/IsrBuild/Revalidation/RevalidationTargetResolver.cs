using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Localization;
using IsrBuild.SecretRoutes;

namespace IsrBuild.Revalidation;

/// <summary>
/// Turns what a call names into its targets: each path in the one spelling of its page (another spelling names the
/// same page: <c>path=/POSTS/01</c> revalidates <c>/posts/1</c>), each prefix and tag once.
/// </summary>
internal sealed class RevalidationTargetResolver(PathMatcher matcher, PageLocales locales)
{
    public RevalidationTargets Resolve(IEnumerable<string> paths, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(tags);

        var named = new List<string>();
        var prefixes = new List<string>();
        foreach (var path in paths)
        {
            if (TargetInput.IsPrefix(path, out var prefix))
            {
                prefixes.Add(locales.Canonical(prefix));
            }
            else
            {
                // Another spelling of a page's path names that page: path=/POSTS/01 revalidates /posts/1.
                named.Add(matcher.Canonical(locales.Canonical(PagePath.Normalize(path))));
            }
        }

        return new RevalidationTargets([.. named.Distinct(StringComparer.Ordinal)], [.. tags.Distinct(StringComparer.Ordinal)], [.. prefixes.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The keys a path names for <paramref name="locale"/>; a prefix keeps its <c>/*</c>.</summary>
    public IEnumerable<string> KeysFor(string path, string? locale) =>
        TargetInput.IsPrefix(path, out var prefix)
            ? locales.KeysFor(prefix, locale).Select(Invalidation.PrefixPattern)
            : locales.KeysFor(PagePath.Normalize(path), locale);
}
