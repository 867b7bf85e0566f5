using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Generation;

/// <summary>
/// The site's pages: the ones <see cref="IsrOptions"/> names, or else every concrete <see cref="IsrPage"/> in the
/// application's assembly. Each page class is created once, from the site's container, to read its route and template.
/// </summary>
internal sealed class PageCatalog
{
    private readonly Lazy<IReadOnlyList<PageDescriptor>> _pages;

    public PageCatalog(IServiceScopeFactory scopes, IHostEnvironment environment, IOptions<IsrOptions> options)
    {
        _pages = new Lazy<IReadOnlyList<PageDescriptor>>(() => Describe(scopes, FindPageTypes(environment, options.Value), options.Value.CanonicalPaths));
    }

    public IReadOnlyList<PageDescriptor> Pages => _pages.Value;

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
                $"Pages {string.Join(" and ", duplicate.Select(p => p.Type.FullName))} share the route '{duplicate.Key}'; each route belongs to one page.");
        }

        pages.Sort((a, b) => StringComparer.Ordinal.Compare(a.Route.Template, b.Route.Template));
        return pages;
    }
}
