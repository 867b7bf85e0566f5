namespace IsrBuild;

/// <summary>The model of a page's <see cref="IsrPage.FallbackTemplate"/>: the path that is still generating.</summary>
/// <param name="Path">The requested path.</param>
/// <param name="RouteValues">Its route values.</param>
public sealed record FallbackModel(string Path, IReadOnlyDictionary<string, string> RouteValues)
{
    /// <summary>The locale of the path (its prefix, or the default locale), or <see langword="null"/> without locales.</summary>
    public string? Locale { get; init; }
}
