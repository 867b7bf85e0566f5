using IsrBuild.Generation;
using IsrBuild.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace IsrBuild.Endpoints;

/// <summary>
/// Puts IsrBuild in front of the app's endpoint pages, wherever <c>MapIsr</c> stands among the app's own <c>Map...</c>
/// calls: when routing has matched a GET or HEAD to an endpoint with <see cref="IsrAttribute"/>, the endpoint that
/// runs is the ISR page pipeline for it, which serves the stored page or renders it on a request of its own. Routing
/// asks this policy only about endpoints that can be pages, so a request for any other endpoint pays nothing; the
/// render itself (<see cref="IsolatedRequest"/>) reaches the app's own endpoint.
/// </summary>
internal sealed class EndpointPageMatcherPolicy(EndpointPageSource pages, PageCatalog catalog, PageRequestPipeline requests) : MatcherPolicy, IEndpointSelectorPolicy
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Endpoint, Endpoint?> _served = new();

    /// <summary>After Razor Pages has loaded the page routing matched (its policy runs first), so its metadata is whole.</summary>
    public override int Order => 1_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            // A Razor page not loaded yet may have [Isr] on its page model: known only once loaded, at match time.
            if (endpoint.Metadata.GetMetadata<IsrAttribute>() is not null
                || endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page && page is not CompiledPageActionDescriptor)
            {
                return true;
            }
        }

        return false;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var method = httpContext.Request.Method;
        if ((!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) || IsolatedRequest.IsRender(httpContext))
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint is { } endpoint && Served(endpoint) is { } served)
            {
                candidates.ReplaceEndpoint(i, served, candidates[i].Values);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The endpoint that serves <paramref name="endpoint"/> as a page, or <see langword="null"/> for one that is not a page: one look-up once known.</summary>
    private Endpoint? Served(Endpoint endpoint) =>
        _served.TryGetValue(endpoint, out var served) ? served : _served.GetOrAdd(endpoint, Serve(endpoint));

    private Endpoint? Serve(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IsrAttribute>() is null)
        {
            return null;
        }

        // Finding the pages the first time (the catalog does it once) fills the source's map.
        _ = catalog.Pages;
        return pages.Find(endpoint) is { } page
            ? new Endpoint(context => requests.HandleAsync(context, page), endpoint.Metadata, "ISR " + endpoint.DisplayName)
            : null;
    }
}
