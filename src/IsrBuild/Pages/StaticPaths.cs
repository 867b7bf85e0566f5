using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Routing;

namespace IsrBuild;

/// <summary>
/// The result of <see cref="IsrPage.GetStaticPathsAsync"/>: the route values of every path to prerender at publish,
/// and what to do with a request for any other path (Next.js <c>getStaticPaths</c>).
/// </summary>
/// <remarks>
/// Paths are enumerated lazily, one at a time, so a page with millions of paths can stream them from its data
/// source instead of holding them in memory.
/// </remarks>
public sealed class StaticPaths
{
    private readonly IAsyncEnumerable<object> _routeValues;

    private StaticPaths(IAsyncEnumerable<object> routeValues, FallbackMode fallback, bool everyLocale = false)
    {
        _routeValues = routeValues;
        Fallback = fallback;
        EveryLocale = everyLocale;
    }

    /// <summary>What the host does with a path that was not prerendered.</summary>
    public FallbackMode Fallback { get; }

    /// <summary>
    /// Prerender one path per element of <paramref name="routeValues"/>: an anonymous object such as
    /// <c>new { id = 42 }</c> or a dictionary of route values.
    /// </summary>
    public static StaticPaths From(IEnumerable<object> routeValues, FallbackMode fallback)
    {
        ArgumentNullException.ThrowIfNull(routeValues);
        return new StaticPaths(ToAsync(routeValues), fallback);
    }

    /// <summary>Prerender one path per element of <paramref name="routeValues"/>, streamed as they arrive.</summary>
    public static StaticPaths From(IAsyncEnumerable<object> routeValues, FallbackMode fallback)
    {
        ArgumentNullException.ThrowIfNull(routeValues);
        return new StaticPaths(routeValues, fallback);
    }

    /// <summary>Prerender nothing; every path is handled by <paramref name="fallback"/>.</summary>
    public static StaticPaths None(FallbackMode fallback) => new(ToAsync([]), fallback);

    /// <summary>
    /// The single path of a route without parameters, which exists only as prerendered, in every locale (as Next.js
    /// prerenders a page without <c>getStaticPaths</c>).
    /// </summary>
    internal static StaticPaths ForRouteWithoutParameters() => new(ToAsync([new RouteValueDictionary()]), FallbackMode.NotFound, everyLocale: true);

    /// <summary>Whether each path is prerendered in every locale rather than the one it names.</summary>
    internal bool EveryLocale { get; }

    /// <summary>Each path's route values and the locale it names (<see langword="null"/>: the default one).</summary>
    internal async IAsyncEnumerable<(IReadOnlyDictionary<string, string> Values, string? Locale)> EnumerateAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var values in _routeValues.WithCancellation(cancellationToken))
        {
            yield return values is LocalizedPath localized ? (ToStrings(localized.RouteValues), localized.Locale) : (ToStrings(values), null);
        }
    }

    internal static IReadOnlyDictionary<string, string> ToStrings(object values)
    {
        var dictionary = values as RouteValueDictionary ?? new RouteValueDictionary(values);
        var strings = new Dictionary<string, string>(dictionary.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in dictionary)
        {
            if (value is not null)
            {
                strings[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return strings;
    }

    private static async IAsyncEnumerable<object> ToAsync(IEnumerable<object> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }
}
