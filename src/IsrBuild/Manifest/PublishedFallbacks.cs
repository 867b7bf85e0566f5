namespace IsrBuild.Manifest;

/// <summary>
/// What publish decided for the paths it did not generate: each route's fallback mode, and whether a path was
/// listed though its page cannot be read. Whoever reads what publish wrote loads it once, before the first request.
/// </summary>
internal sealed class PublishedFallbacks
{
    private IReadOnlyDictionary<string, FallbackMode> _modes = new Dictionary<string, FallbackMode>(StringComparer.Ordinal);
    private Func<string, bool> _wasListed = static _ => false;

    /// <param name="modes">The fallback mode per route template.</param>
    /// <param name="wasListed">
    /// Whether publish may have listed a path its pages no longer answer for (a damaged store): such a path is
    /// rendered on its first request even under a <c>false</c> fallback.
    /// </param>
    public void Load(IReadOnlyDictionary<string, FallbackMode> modes, Func<string, bool> wasListed)
    {
        _modes = modes;
        _wasListed = wasListed;
    }

    /// <summary>
    /// The fallback mode publish recorded for a route; a route publish did not see (or no manifest at all)
    /// renders on demand.
    /// </summary>
    public FallbackMode For(string routeTemplate) =>
        _modes.TryGetValue(routeTemplate, out var mode) ? mode : FallbackMode.Blocking;

    /// <summary>
    /// Whether a path never generated may be rendered under its route's fallback mode: always, unless publish said
    /// <c>false</c> for the route and did not list the path (or cannot tell, its store unreadable).
    /// </summary>
    public bool AllowsFirstRender(string routeTemplate, string path) =>
        For(routeTemplate) != FallbackMode.NotFound || _wasListed(path);
}
