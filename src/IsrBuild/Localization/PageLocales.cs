using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Localization;

/// <summary>
/// The site's locales (<see cref="IsrOptions.Locales"/>) and how they show in keys. A page of a non-default locale is
/// keyed, stored and served under its prefix (<c>/fr/posts/1</c>); the default locale's has none (<c>/posts/1</c>),
/// and its prefixed form (<c>/en/posts/1</c>) is read as that same key. Without locales, keys are plain paths.
/// </summary>
internal sealed class PageLocales
{
    public PageLocales(IOptions<IsrOptions> options)
    {
        All = [.. options.Value.Locales];
        Default = All.FirstOrDefault(l => l.Equals(options.Value.DefaultLocale, StringComparison.OrdinalIgnoreCase));
        DetectsRoot = Default is not null && options.Value.LocaleDetection;
    }

    /// <summary>Every locale, the default one included; empty when locales are off.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The default locale, or <see langword="null"/> when locales are off.</summary>
    public string? Default { get; }

    public bool IsEnabled => Default is not null;

    /// <summary>
    /// The locales and the default one as publish records them (<c>en,fr,de;en</c>; empty without locales), so a host
    /// configured otherwise than its publish can say so.
    /// </summary>
    public string Signature => IsEnabled ? string.Join(',', All) + ";" + Default : string.Empty;

    /// <summary>Whether a request for the unprefixed root is redirected by <c>Accept-Language</c>.</summary>
    public bool DetectsRoot { get; }

    /// <summary>The configured spelling of <paramref name="segment"/> when it names a locale (case-insensitively).</summary>
    public string? Find(ReadOnlySpan<char> segment)
    {
        foreach (var locale in All)
        {
            if (segment.Equals(locale, StringComparison.OrdinalIgnoreCase))
            {
                return locale;
            }
        }

        return null;
    }

    /// <summary>
    /// The locale a key belongs to and the path the page's route sees: <c>/fr/posts/1</c> is (<c>fr</c>,
    /// <c>/posts/1</c>), <c>/posts/1</c> is (the default locale, <c>/posts/1</c>).
    /// </summary>
    public (string? Locale, string Path) Split(string key)
    {
        if (!IsEnabled)
        {
            return (null, key);
        }

        var end = key.IndexOf('/', 1);
        var first = end < 0 ? key.AsSpan(1) : key.AsSpan(1, end - 1);
        return Find(first) is { } locale ? (locale, end < 0 ? "/" : key[end..]) : (Default, key);
    }

    /// <summary>The key of <paramref name="path"/> (a route's path) in <paramref name="locale"/>.</summary>
    public string KeyOf(string? locale, string path)
    {
        if (!IsEnabled || locale is null || string.Equals(locale, Default, StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }

        return "/" + (Find(locale) ?? locale) + (path == "/" ? string.Empty : path);
    }

    /// <summary>
    /// The keys one element of a page's static paths lists: the path in its locale, or in every locale for a page
    /// without route parameters (as Next.js prerenders those).
    /// </summary>
    public IEnumerable<string> KeysListed(string routePath, string? locale, bool everyLocale) =>
        everyLocale && IsEnabled ? All.Select(each => KeyOf(each, routePath)) : [KeyOf(locale, routePath)];

    /// <summary>
    /// The one key of a page whatever the form asked for: the locale prefix spelled as configured, and the default
    /// locale's prefix dropped.
    /// </summary>
    public string Canonical(string key)
    {
        if (!IsEnabled)
        {
            return key;
        }

        var (locale, path) = Split(key);
        return KeyOf(locale, path);
    }

    /// <summary>
    /// Why <paramref name="locale"/> cannot name the pages of a revalidation, or <see langword="null"/> when it can
    /// (absent, <c>*</c>, or one of the site's locales).
    /// </summary>
    public string? ProblemWith(string? locale)
    {
        if (string.IsNullOrEmpty(locale) || (IsEnabled && (locale == "*" || Find(locale) is not null)))
        {
            return null;
        }

        return IsEnabled
            ? $"'{locale}' is not one of the site's locales (Isr:Locales: {string.Join(", ", All)}), nor * for all of them."
            : $"The call names the locale '{locale}', but the site has no locales (Isr:Locales).";
    }

    /// <summary>
    /// The keys a revalidation of <paramref name="path"/> names: a path with a locale prefix is that one page; an
    /// unprefixed one is the default locale's page, or <paramref name="locale"/>'s, or with <c>*</c> every locale's.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="locale"/> is not one of the site's locales.</exception>
    public IEnumerable<string> KeysFor(string path, string? locale)
    {
        if (!IsEnabled || string.IsNullOrEmpty(locale))
        {
            return [Canonical(path)];
        }

        var (own, plain) = Split(path);
        if (plain != path)
        {
            return [KeyOf(own, plain)];
        }

        if (locale == "*")
        {
            return All.Select(each => KeyOf(each, path));
        }

        return [KeyOf(Find(locale) ?? throw new ArgumentException(ProblemWith(locale), nameof(locale)), path)];
    }

    /// <summary>
    /// The site locale a language tag asks for: the same tag, else one of the same language (<c>fr-CA</c> finds
    /// <c>fr</c>, <c>fr</c> finds <c>fr-FR</c>); <see langword="null"/> when none fits.
    /// </summary>
    public string? Match(string? tag)
    {
        if (!IsEnabled || string.IsNullOrEmpty(tag))
        {
            return null;
        }

        if (Find(tag) is { } exact)
        {
            return exact;
        }

        var language = tag.Split('-')[0];
        return All.FirstOrDefault(l => l.Split('-')[0].Equals(language, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The locale <paramref name="acceptLanguage"/> prefers among the site's, by quality: an exact match first, then
    /// one by language (<c>fr-CA</c> finds <c>fr</c>, <c>fr</c> finds <c>fr-FR</c>). <see langword="null"/> when none fits.
    /// </summary>
    public string? Detect(string? acceptLanguage)
    {
        if (!IsEnabled || string.IsNullOrWhiteSpace(acceptLanguage)
            || !StringWithQualityHeaderValue.TryParseList([acceptLanguage], out var ranges))
        {
            return null;
        }

        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var tag = range.Value.Value ?? string.Empty;
            if (tag == "*")
            {
                continue;
            }

            if (Match(tag) is { } locale)
            {
                return locale;
            }
        }

        return null;
    }
}
