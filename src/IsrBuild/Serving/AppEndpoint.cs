using IsrBuild.Generation;
using IsrBuild.Http;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>
/// Lets the app's own endpoint answer the visitor's request, as it would without IsrBuild: an endpoint page in
/// development mode and draft mode (fresh, for this visitor only), and one whose render gave nothing to store.
/// </summary>
internal static class AppEndpoint
{
    /// <param name="context">The visitor's request.</param>
    /// <param name="page">An endpoint page.</param>
    /// <param name="cacheState">The <c>X-Isr-Cache</c> the answer carries, or <see langword="null"/> for none.</param>
    /// <param name="cacheControl">The <c>Cache-Control</c> it starts with; the app may set its own.</param>
    public static Task InvokeAsync(HttpContext context, PageDescriptor page, string? cacheState, string cacheControl = IsrHeaders.NoStore)
    {
        var endpoint = page.Endpoint ?? throw new InvalidOperationException($"{page.Name} is not an endpoint of the app's.");
        if (cacheState is not null)
        {
            context.Response.Headers[IsrHeaders.Cache] = cacheState;
        }

        context.Response.Headers.CacheControl = cacheControl;
        context.SetEndpoint(endpoint);
        return endpoint.RequestDelegate?.Invoke(context) ?? Task.CompletedTask;
    }
}
