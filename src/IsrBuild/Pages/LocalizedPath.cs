namespace IsrBuild;

/// <summary>
/// A path to prerender in a given locale (Next.js <c>getStaticPaths</c>'s <c>{ params, locale }</c>): list
/// <c>new LocalizedPath(new { id = 1 }, "fr")</c> among <see cref="StaticPaths.From(IEnumerable{object}, FallbackMode)"/>'s
/// route values. A plain element is prerendered in the default locale only, as in Next.js.
/// </summary>
/// <param name="RouteValues">The route values, as for a plain element.</param>
/// <param name="Locale">One of <see cref="IsrOptions.Locales"/>.</param>
public sealed record LocalizedPath(object RouteValues, string Locale);
