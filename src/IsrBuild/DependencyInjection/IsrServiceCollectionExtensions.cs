using IsrBuild;
using IsrBuild.Generation;
using IsrBuild.Rendering;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers IsrBuild's services.</summary>
public static class IsrServiceCollectionExtensions
{
    /// <summary>
    /// Adds IsrBuild: the site's pages, the renderer and generation, with <see cref="IsrOptions"/> bound from the
    /// <c>Isr</c> configuration section and then <paramref name="configure"/>. Register pages here, before
    /// <c>Build()</c>: the publish-time generator sees only what is registered by then.
    /// </summary>
    public static IServiceCollection AddIsr(this IServiceCollection services, Action<IsrOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<IsrOptions>().BindConfiguration(IsrOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<PageCatalog>();
        services.TryAddSingleton<IIsrRenderer, RazorLightRenderer>();
        services.TryAddSingleton<PageGenerator>();
        return services;
    }
}
