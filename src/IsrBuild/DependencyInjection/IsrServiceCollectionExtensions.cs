using IsrBuild;
using IsrBuild.Coordination;
using IsrBuild.Development;
using IsrBuild.Diagnostics;
using IsrBuild.Drafts;
using IsrBuild.Edge;
using IsrBuild.Endpoints;
using IsrBuild.Generation;
using IsrBuild.Hosting;
using IsrBuild.Localization;
using IsrBuild.Manifest;
using IsrBuild.Regeneration;
using IsrBuild.Rendering;
using IsrBuild.Revalidation;
using IsrBuild.SecretRoutes;
using IsrBuild.Serving;
using IsrBuild.Status;
using IsrBuild.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IsrOptions>, IsrOptionsValidator>());

        services.TryAddSingleton<IsrMarkerService>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, MapIsrCheckStartupFilter>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IsrMetrics>();
        services.TryAddSingleton<PageCatalog>();
        services.TryAddSingleton<PageLocales>();
        services.TryAddSingleton<CompiledTemplateFolders>();
        services.TryAddSingleton<IIsrRenderer, RazorLightRenderer>();
        services.TryAddSingleton<PageGenerator>();
        services.TryAddSingleton<PublishedBuild>();
        services.TryAddSingleton<PublishedPages>();
        services.TryAddSingleton<PublishedFallbacks>();
        services.TryAddSingleton<IIsrPageStore, LayeredPageStore>();
        services.TryAddSingleton<GuardedPageStore>();
        services.TryAddSingleton<PageMemoryCache>();
        services.TryAddSingleton<PageChanges>();
        services.TryAddSingleton<Invalidations>();
        services.TryAddSingleton<IIsrInvalidationLog, LocalInvalidationLog>();
        services.TryAddSingleton<BackgroundRevalidation>();
        services.TryAddSingleton<MissWriter>();
        services.TryAddSingleton<FirstRender>();
        services.TryAddSingleton<FallbackPageWriter>();
        services.TryAddSingleton<FirstRenderCeiling>();
        services.TryAddSingleton<NotStoredPaths>();
        services.TryAddSingleton<ExpiredPageRenderer>();
        services.TryAddSingleton<IRegenerationLeases, LocalRegenerationLeases>();
        services.TryAddSingleton<IPagePropagation, LocalPagePropagation>();
        services.TryAddSingleton<CrawlerDetector>();
        services.TryAddSingleton<PageCommitter>();
        services.TryAddSingleton<PageRegenerator>();
        services.TryAddSingleton<RegenerationPace>();
        services.TryAddSingleton<RegenerationQueue>();
        services.TryAddSingleton<PageResponseWriter>();
        services.TryAddSingleton<PageRequestPipeline>();

        // The page request's steps, in the order they run; each answers or passes on.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPageRequestStep, CanonicalUrlStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPageRequestStep, DraftStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPageRequestStep, DevelopmentStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPageRequestStep, PageLookupStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPageRequestStep, FallbackStep>());
        services.TryAddSingleton<PathMatcher>();
        services.TryAddSingleton<RevalidationTargetResolver>();
        services.TryAddSingleton<PathRevalidation>();
        services.TryAddSingleton<InvalidationRecorder>();
        services.TryAddSingleton<CachePurging>();
        services.TryAddSingleton<RevalidateNow>();
        services.TryAddSingleton<IIsrRevalidator, IsrRevalidator>();
        services.TryAddSingleton<PageStatusReader>();
        services.TryAddSingleton<SecretGuard>();
        services.TryAddSingleton<RevalidateEndpoint>();
        services.TryAddSingleton<PageStatusEndpoint>();
        services.TryAddSingleton<DraftModeCookie>();
        services.TryAddSingleton<DraftModeEndpoint>();
        services.AddDataProtection();
        services.AddHttpClient(EdgePurger.ClientName);
        services.TryAddSingleton<EdgePurger>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, BasePathStartupFilter>());

        // The app's own endpoints as pages ([Isr], WithIsr): found once mapped, served through the page pipeline by a
        // routing policy, rendered through the app's pipeline, which a startup filter registered after the base
        // path's takes as the host builds it.
        services.TryAddSingleton<AppPipeline>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, AppPipelineStartupFilter>());
        services.TryAddSingleton<EndpointPageSource>();
        services.TryAddSingleton<IEndpointPages>(provider => provider.GetRequiredService<EndpointPageSource>());
        services.TryAddSingleton<IEndpointPageRenderer, EndpointPageRenderer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, EndpointPageMatcherPolicy>());

        // Startup first: the manifest and the store must be ready before the queue's workers and the server start.
        services.AddHostedService<PublishedPagesStartup>();
        services.AddHostedService<IsrStartupService>();
        services.AddHostedService<TemplateWarmUpService>();
        services.AddHostedService(provider => provider.GetRequiredService<RegenerationQueue>());
        services.AddHostedService(provider => provider.GetRequiredService<BackgroundRevalidation>());
        services.AddHostedService<EdgePurgeService>();
        return services;
    }

    /// <summary>
    /// Lists paths of the app's endpoint pages (<see cref="IsrAttribute"/>, <c>WithIsr</c>) for <c>dotnet publish</c> to
    /// prerender, such as <c>"/"</c> and <c>"/about"</c>. Any other path of those pages renders on its first request.
    /// May be called more than once; the lists add up.
    /// </summary>
    /// <param name="services">The site's services.</param>
    /// <param name="paths">Local paths, each starting with <c>/</c>.</param>
    public static IServiceCollection AddIsrPaths(this IServiceCollection services, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(paths);
        string[] listed = [.. paths];
        return services.AddIsrPaths((_, _) => Task.FromResult<IEnumerable<string>>(listed));
    }

    /// <summary>
    /// Lists paths of the app's endpoint pages for <c>dotnet publish</c> to prerender, read from the app's services
    /// when publish runs, such as every post's path from the database:
    /// <c>AddIsrPaths(async (services, ct) =&gt; (await services.GetRequiredService&lt;Blog&gt;().GetIdsAsync(ct)).Select(id =&gt; $"/posts/{id}"))</c>.
    /// </summary>
    /// <param name="services">The site's services.</param>
    /// <param name="paths">Reads the paths, given the app's services (a scope of its own) and a cancellation token.</param>
    public static IServiceCollection AddIsrPaths(this IServiceCollection services, Func<IServiceProvider, CancellationToken, Task<IEnumerable<string>>> paths)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(paths);
        services.AddSingleton(new ListedPaths(paths));
        return services;
    }
}
