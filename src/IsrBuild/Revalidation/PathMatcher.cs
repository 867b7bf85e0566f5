using IsrBuild.Generation;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace IsrBuild.Revalidation;

/// <summary>
/// Finds the page a path belongs to, as routing would for a request: the most specific route whose template and
/// inline constraints (<c>{id:long}</c>) accept it.
/// </summary>
internal sealed class PathMatcher(PageCatalog catalog, IInlineConstraintResolver constraintResolver)
{
    private readonly Lazy<IReadOnlyList<Candidate>> _candidates = new(() =>
        [.. catalog.Pages
            .Select(page => new Candidate(page, new RouteTemplate(page.Route.Pattern)))
            .OrderBy(c => RoutePrecedence.ComputeInbound(c.Template))]);

    public bool TryMatch(string path, out PageDescriptor page, out IReadOnlyDictionary<string, string> routeValues)
    {
        foreach (var candidate in _candidates.Value)
        {
            var values = new RouteValueDictionary();
            var matcher = new TemplateMatcher(candidate.Template, new RouteValueDictionary(candidate.Page.Route.Pattern.Defaults));
            if (matcher.TryMatch(path, values) && ConstraintsAccept(candidate.Page, values))
            {
                page = candidate.Page;
                routeValues = StaticPaths.ToStrings(values);
                return true;
            }
        }

        page = null!;
        routeValues = null!;
        return false;
    }

    private bool ConstraintsAccept(PageDescriptor page, RouteValueDictionary values)
    {
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
}
