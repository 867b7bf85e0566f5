using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Localization;
using IsrBuild.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Development;

/// <summary>
/// Development mode (<see cref="IsrOptions.DevelopmentMode"/>), as <c>next dev</c>: each page request runs the page's
/// static paths and static props and renders fresh, and nothing is read from or written to memory, the stores or
/// other hosts. The answer is what production would make of the same props (a page, a 404, a redirect), with
/// <c>X-Isr-Cache: DEV</c> and <c>Cache-Control: no-store, must-revalidate</c>. A page that fails throws, so the
/// Developer Exception Page shows the page class, the path and the template's error. An endpoint page is the app's
/// own endpoint answering the request, as <c>dotnet watch</c> expects.
/// </summary>
internal sealed class DevelopmentStep(
    PageGenerator generator,
    PathMatcher matcher,
    PageLocales locales,
    PageResponseWriter writer,
    IHostEnvironment environment,
    IOptions<IsrOptions> options) : IPageRequestStep
{
    public bool IsEnabled { get; } = options.Value.IsDevelopmentMode(environment);

    /// <summary>Answers every request it is given: the steps after it (memory, the store, fallbacks) are production's.</summary>
    public Task InvokeAsync(PageRequest request, PageRequestDelegate next) =>
        request.Page.Endpoint is null
            ? RenderFreshAsync(request)
            : AppEndpoint.InvokeAsync(request.Context, request.Page, IsrHeaders.Development, IsrHeaders.DevelopmentNoStore);

    private async Task RenderFreshAsync(PageRequest request)
    {
        var context = request.Context;
        var cancellationToken = context.RequestAborted;
        if (!matcher.TryMatch(request.Page, request.Key, out var routeValues)
            || !await IsListedOrMayRenderAsync(request.Page, request.Key, cancellationToken))
        {
            writer.WriteUncachedStatus(context, StatusCodes.Status404NotFound, IsrHeaders.Development, IsrHeaders.DevelopmentNoStore);
            return;
        }

        var result = await generator.GenerateAsync(request.Page, request.Key, routeValues, GenerationReason.Development, cancellationToken);
        await writer.WriteUncachedResultAsync(request, result, IsrHeaders.Development, IsrHeaders.DevelopmentNoStore);
    }

    /// <summary>
    /// Whether the page's static paths, run now, let the path render: any path under a <c>blocking</c> or <c>true</c>
    /// fallback, only a listed one under <c>false</c> (as <c>next dev</c> runs getStaticPaths per request).
    /// </summary>
    private async Task<bool> IsListedOrMayRenderAsync(PageDescriptor page, string key, CancellationToken cancellationToken)
    {
        var paths = await generator.GetStaticPathsAsync(page, isPublishTime: false, cancellationToken);
        if (paths.Fallback != FallbackMode.NotFound)
        {
            return true;
        }

        await foreach (var (values, locale) in paths.EnumerateAsync(cancellationToken))
        {
            string routePath;
            try
            {
                routePath = page.Route.BindPath(values);
            }
            catch (ArgumentException)
            {
                // Publish would refuse such a path (ISRB2004); it lists nothing a request could ask for.
                continue;
            }

            if (locales.KeysListed(routePath, locale, paths.EveryLocale).Contains(key, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
