using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Generation;

/// <summary>
/// The site's pages. Its <see cref="ClassPages"/>: the ones <see cref="IsrOptions"/> names, or else every concrete
/// <see cref="IsrPage"/> in the application's assembly, each created once from the site's container to read its route
/// and template. Then the app's own endpoints that are ISR pages (<see cref="IEndpointPages"/>), found on first use of
/// <see cref="Pages"/>, which must come once the app has mapped its endpoints (at startup, or later).
/// </summary>
internal sealed class PageCatalog
{
    private readonly Lazy<IReadOnlyList<PageDescriptor>> _classPages;
    private readonly Lazy<IReadOnlyList<PageDescriptor>> _pages;
    private readonly IEndpointPages _endpointPages;

    public PageCatalog(IServiceScopeFactory scopes, IHostEnvironment environment, IOptions<IsrOptions> options, IEndpointPages endpointPages)
    {
        _endpointPages = endpointPages;
        _classPages = new Lazy<IReadOnlyList<PageDescriptor>>(() => Describe(scopes, FindPageTypes(environment, options.Value), options.Value.CanonicalPaths));
        _pages = new Lazy<IReadOnlyList<PageDescriptor>>(() => WithEndpointPages(_classPages.Value, endpointPages.Discover()));
    }

    /// <summary>The <see cref="IsrPage"/> classes: known as soon as the services are, so <c>MapIsr</c> can map their routes.</summary>
    public IReadOnlyList<PageDescriptor> ClassPages => _classPages.Value;

    /// <summary>
    /// Every page: the classes and the app's endpoint pages; the classes alone until the app's pipeline is built, so a
    /// look-up before it never fixes a list without the endpoints.
    /// </summary>
    public IReadOnlyList<PageDescriptor> Pages => _pages.IsValueCreated || _endpointPages.IsReady ? _pages.Value : ClassPages;

    private static List<PageDescriptor> WithEndpointPages(IReadOnlyList<PageDescriptor> classes, IReadOnlyList<PageDescriptor> endpoints)
    {
        var pages = new List<PageDescriptor>(classes.Count + endpoints.Count);
        pages.AddRange(classes);
        foreach (var endpoint in endpoints)
        {
            if (classes.FirstOrDefault(page => string.Equals(page.Route.Template, endpoint.Route.Template, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                throw new InvalidOperationException(
                    $"The page {clash.Name} and the endpoint {endpoint.Name} share the route '{endpoint.Route.Template}'; each route belongs to one page.");
            }

            pages.Add(endpoint);
        }

        return pages;
    }

    private static List<Type> FindPageTypes(IHostEnvironment environment, IsrOptions options)
    {
        if (options.Pages.Count > 0)
        {
            return [.. options.Pages.Distinct()];
        }

        var assembly = Assembly.Load(new AssemblyName(environment.ApplicationName));
        return [.. assembly.GetTypes().Where(IsrOptions.IsPageType)];
    }

    private static List<PageDescriptor> Describe(IServiceScopeFactory scopes, List<Type> types, bool canonicalPaths)
    {
        using var scope = scopes.CreateScope();
        var pages = new List<PageDescriptor>(types.Count);
        foreach (var type in types)
        {
            var page = (IsrPage)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);
            pages.Add(new PageDescriptor(type, new PageRoute(page.Route), page.Template, page.FallbackTemplate, page.CacheControl, canonicalPaths && page.RedirectsToCanonicalPath));
        }

        var duplicate = pages.GroupBy(p => p.Route.Template, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Pages {string.Join(" and ", duplicate.Select(p => p.Name))} share the route '{duplicate.Key}'; each route belongs to one page.");
        }

        pages.Sort((a, b) => StringComparer.Ordinal.Compare(a.Route.Template, b.Route.Template));
        return pages;
    }
}
