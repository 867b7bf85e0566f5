using IsrBuild.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace IsrBuild.Generation;

/// <summary>
/// Finds the page a path belongs to, as routing would for a request: the most specific route whose template and
/// inline constraints (<c>{id:long}</c>) accept it, and the route values the path holds. Paths are cache keys
/// (<see cref="PagePath"/>): a value's <c>%2F</c> and <c>%25</c> are decoded here, so <c>/blog/first%2Fpost</c>
/// gives <c>first/post</c>, as Next.js passes it. A key's locale prefix (<c>/fr/posts/1</c>) is not part of the route.
/// </summary>
internal sealed class PathMatcher(PageCatalog catalog, IInlineConstraintResolver constraintResolver, PageLocales locales)
{
    private Snapshot? _snapshot;

    /// <summary>The routes in routing's order, made again when the catalog's list grows (the app's endpoint pages, once found).</summary>
    private Candidate[] Candidates
    {
        get
        {
            var current = _snapshot;
            var pages = catalog.Pages;
            if (current is not null && ReferenceEquals(current.Pages, pages))
            {
                return current.Candidates;
            }

            Candidate[] candidates = [.. pages
                .Select(page => new Candidate(page, new RouteTemplate(page.Route.Pattern)))
                .OrderBy(c => RoutePrecedence.ComputeInbound(c.Template))];
            _snapshot = new Snapshot(pages, candidates);
            return candidates;
        }
    }

    public bool TryMatch(string key, out PageDescriptor page, out IReadOnlyDictionary<string, string> routeValues)
    {
        var path = locales.Split(key).Path;
        foreach (var candidate in Candidates)
        {
            if (TryMatch(candidate.Page, candidate.Template, path, out routeValues))
            {
                page = candidate.Page;
                return true;
            }
        }

        page = null!;
        routeValues = null!;
        return false;
    }

    /// <summary>The route values <paramref name="key"/> holds for <paramref name="page"/>'s route.</summary>
    public bool TryMatch(PageDescriptor page, string key, out IReadOnlyDictionary<string, string> routeValues) =>
        TryMatch(page, new RouteTemplate(page.Route.Pattern), locales.Split(key).Path, out routeValues);

    /// <summary>
    /// The one key of the page <paramref name="key"/> names (<see cref="PageRoute.CanonicalPath"/>, its locale prefix
    /// kept): <c>/POSTS/01</c> is <c>/posts/1</c>. The key itself when no page has it, or its page keeps every spelling.
    /// </summary>
    public string Canonical(string key) =>
        TryMatch(key, out var page, out var values) ? Canonical(page, key, values) : key;

    /// <summary>As <see cref="Canonical(string)"/> for a key routing matched to <paramref name="page"/>; fast when it is canonical already.</summary>
    public string Canonical(PageDescriptor page, string key)
    {
        if (!page.CanonicalPaths)
        {
            return key;
        }

        var path = locales.Split(key).Path;
        return page.Route.IsSurelyCanonical(path) || !TryMatch(page, key, out var values) ? key : Canonical(page, key, values);
    }

    private string Canonical(PageDescriptor page, string key, IReadOnlyDictionary<string, string> values)
    {
        if (!page.CanonicalPaths)
        {
            return key;
        }

        try
        {
            return locales.KeyOf(locales.Split(key).Locale, page.Route.CanonicalPath(values));
        }
        catch (ArgumentException)
        {
            return key;
        }
    }

    private bool TryMatch(PageDescriptor page, RouteTemplate template, string path, out IReadOnlyDictionary<string, string> routeValues)
    {
        var values = new RouteValueDictionary();
        var matcher = new TemplateMatcher(template, new RouteValueDictionary(page.Route.Pattern.Defaults));
        // Explicitly: the implicit conversion from string would decode the key's %25 and %2F a second time.
        if (matcher.TryMatch(new PathString(path), values))
        {
            foreach (var (name, value) in values.ToArray())
            {
                if (value is string text)
                {
                    values[name] = PagePath.UnescapeValue(text);
                }
            }

            if (ConstraintsAccept(page, values))
            {
                routeValues = StaticPaths.ToStrings(values);
                return true;
            }
        }

        routeValues = null!;
        return false;
    }

    private bool ConstraintsAccept(PageDescriptor page, RouteValueDictionary values)
    {
        // A conventional route reaches one action only for its own controller and action (Home, Index).
        foreach (var (name, required) in PageRoute.RequiredValuesOf(page.Route.Pattern))
        {
            if (!string.Equals(required, Convert.ToString(values[name], System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var (name, policies) in page.Route.Pattern.ParameterPolicies)
        {
            foreach (var policy in policies)
            {
                var constraint = policy.ParameterPolicy as IRouteConstraint
                    ?? (policy.Content is { } content ? constraintResolver.ResolveConstraint(content) : null);
                if (constraint is not null && !constraint.Match(httpContext: null, route: null, name, values, RouteDirection.IncomingRequest))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private sealed record Candidate(PageDescriptor Page, RouteTemplate Template);

    private sealed record Snapshot(IReadOnlyList<PageDescriptor> Pages, Candidate[] Candidates);
}
