using System.Collections.Concurrent;
using System.Reflection;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Endpoints;

/// <summary>
/// Finds the app's endpoints that are ISR pages: those whose metadata carries an <see cref="IsrAttribute"/> (on a page
/// model, controller, action or component, or from <c>WithIsr</c>) and that answer GET. A Razor page is loaded first,
/// as routing does when it matches one, since its page model's attributes join its metadata only then. An endpoint that
/// requires authorization is left alone, with a warning: its page would differ by visitor.
/// </summary>
internal sealed class EndpointPageSource(
    IServiceProvider services,
    AppPipeline pipeline,
    IOptions<IsrOptions> options,
    IOptions<RouteOptions> routeOptions,
    ILogger<EndpointPageSource> logger) : IEndpointPages
{
    private readonly ConcurrentDictionary<Endpoint, PageDescriptor> _byEndpoint = new();

    // Data sources may make new endpoint objects each time they are read (minimal APIs do): routing's own copies
    // are found by name and pattern.
    private readonly ConcurrentDictionary<string, PageDescriptor> _byKey = new(StringComparer.Ordinal);

    public bool IsReady => pipeline.Built.IsCompleted;

    public IReadOnlyList<PageDescriptor> Discover()
    {
        if (services.GetService<EndpointDataSource>() is not { } dataSource)
        {
            return [];
        }

        var loader = services.GetService<PageLoader>();
        var pages = new List<PageDescriptor>();
        foreach (var endpoint in dataSource.Endpoints.OfType<RouteEndpoint>())
        {
            var loaded = Load(endpoint, loader);
            if (loaded.Metadata.GetMetadata<IsrAttribute>() is not { } settings || !AnswersGet(loaded) || IsAlternateRoute(loaded))
            {
                continue;
            }

            if (loaded.Metadata.GetMetadata<IAuthorizeData>() is not null && loaded.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                logger.EndpointPageNeedsAuthorization(loaded.DisplayName ?? loaded.RoutePattern.RawText ?? "?");
                continue;
            }

            if (settings.RevalidateSeconds < 0)
            {
                throw new InvalidOperationException($"{loaded.DisplayName}: [Isr(RevalidateSeconds = {settings.RevalidateSeconds})] must be 0 (never) or a positive number of seconds.");
            }

            var page = Describe(loaded, settings);
            _byEndpoint[endpoint] = page;
            _byEndpoint[loaded] = page;
            _byKey[KeyOf(loaded)] = page;
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>The page of an endpoint routing matched (a Razor page already loaded, or as data sources list it).</summary>
    public PageDescriptor? Find(Endpoint endpoint)
    {
        if (_byEndpoint.TryGetValue(endpoint, out var page))
        {
            return page;
        }

        if (_byKey.TryGetValue(KeyOf(endpoint), out page))
        {
            _byEndpoint.TryAdd(endpoint, page);
        }

        return page;
    }

    private static string KeyOf(Endpoint endpoint) =>
        endpoint.DisplayName + "\n" + (endpoint as RouteEndpoint)?.RoutePattern.RawText + "\n" + (endpoint as RouteEndpoint)?.Order;

    private static RouteEndpoint Load(RouteEndpoint endpoint, PageLoader? loader)
    {
        if (loader is null || endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor || descriptor is CompiledPageActionDescriptor)
        {
            return endpoint;
        }

        var compiled = loader.LoadAsync(descriptor, endpoint.Metadata).GetAwaiter().GetResult();
        return compiled.Endpoint as RouteEndpoint ?? endpoint;
    }

    private static bool AnswersGet(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods
        || methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A second route to a Razor page that links never use (<c>/Index</c> beside <c>/</c>): served by the app as it is.
    /// (Every component endpoint suppresses link generation; that says nothing of its route.)
    /// </summary>
    private static bool IsAlternateRoute(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
        && endpoint.Metadata.GetMetadata<ISuppressLinkGenerationMetadata>() is { SuppressLinkGeneration: true };

    private PageDescriptor Describe(RouteEndpoint endpoint, IsrAttribute settings)
    {
        var pattern = endpoint.RoutePattern;
        var raw = "/" + (pattern.RawText ?? string.Empty).TrimStart('/');
        var required = PageRoute.RequiredValuesOf(pattern).Select(pair => pair.Value).ToList();
        var template = required.Count == 0 ? raw : $"{raw} ({string.Join(", ", required)})";
        var route = new PageRoute(template, pattern, routeOptions.Value.LowercaseUrls);
        return new PageDescriptor(
            HandlerType(endpoint),
            route,
            Template: string.Empty,
            FallbackTemplate: null,
            CanonicalPaths: options.Value.CanonicalPaths && !route.HasRequiredValues,
            Endpoint: endpoint,
            Settings: settings);
    }

    private static Type HandlerType(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page ? (page.ModelTypeInfo ?? page.PageTypeInfo).AsType()
        : endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action ? action.ControllerTypeInfo.AsType()
        : endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component ? component.Type
        : endpoint.Metadata.GetMetadata<MethodInfo>()?.DeclaringType ?? typeof(Endpoint);
}
