namespace IsrBuild;

/// <summary>What a page's <see cref="IsrPage.GetStaticPropsAsync"/> is told: the path and its route values.</summary>
public sealed class StaticPropsContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="path">The page's path, such as <c>/posts/42</c>.</param>
    /// <param name="routeValues">The route values the path was made from.</param>
    /// <param name="reason">Why the page is being generated.</param>
    public StaticPropsContext(string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(routeValues);
        Path = path;
        RouteValues = routeValues;
        Reason = reason;
    }

    /// <summary>The page's path, such as <c>/posts/42</c>.</summary>
    public string Path { get; }

    /// <summary>The route values of the path (the <c>params</c> of Next.js).</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>Why the page is being generated.</summary>
    public GenerationReason Reason { get; }

    /// <summary>Whether the call happens during <c>dotnet publish</c> (otherwise in the serving host).</summary>
    public bool IsPublishTime => Reason == GenerationReason.Publish;

    /// <summary>
    /// The locale the page is generated in (Next.js <c>locale</c>): the prefix of <see cref="Path"/>, or the default
    /// locale for an unprefixed path. <see langword="null"/> when the site has no locales (<see cref="IsrOptions.Locales"/>).
    /// </summary>
    public string? Locale { get; init; }

    /// <summary>Every locale of the site (Next.js <c>locales</c>); empty without locales.</summary>
    public IReadOnlyList<string> Locales { get; init; } = [];

    /// <summary>The site's default locale (Next.js <c>defaultLocale</c>), or <see langword="null"/> without locales.</summary>
    public string? DefaultLocale { get; init; }

    /// <summary>
    /// Whether the page renders for an editor in draft mode (Next.js <c>draftMode().isEnabled</c>): read unpublished
    /// content. What it renders goes to that editor only and is never cached.
    /// </summary>
    public bool IsDraft => Reason == GenerationReason.Draft;

    /// <summary>The data the draft route was given with <c>data=</c> when draft mode was turned on, if any.</summary>
    public string? DraftData { get; init; }
}
