namespace IsrBuild;

/// <summary>What a page's <see cref="IsrPage.GetStaticPathsAsync"/> is told about the call.</summary>
public sealed class StaticPathsContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="isPublishTime">Whether the call happens during <c>dotnet publish</c>.</param>
    public StaticPathsContext(bool isPublishTime) => IsPublishTime = isPublishTime;

    /// <summary>Whether the call happens during <c>dotnet publish</c> (otherwise in the serving host).</summary>
    public bool IsPublishTime { get; }

    /// <summary>
    /// Every locale of the site (Next.js <c>locales</c>); empty without locales. List a path in another locale than
    /// the default one with <see cref="LocalizedPath"/>.
    /// </summary>
    public IReadOnlyList<string> Locales { get; init; } = [];

    /// <summary>The site's default locale (Next.js <c>defaultLocale</c>), or <see langword="null"/> without locales.</summary>
    public string? DefaultLocale { get; init; }
}
