using IsrBuild;
using IsrBuild.Drafts;
using IsrBuild.Generation;
using IsrBuild.Hosting;
using IsrBuild.Localization;
using IsrBuild.Revalidation;
using IsrBuild.Serving;
using IsrBuild.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps IsrBuild's endpoints.</summary>
public static class IsrEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps one endpoint per ISR page route, serving the prerendered and regenerated pages, and the revalidate
    /// route (<see cref="IsrOptions.RevalidatePath"/>). Returns a convention builder for all of them, with one for
    /// the pages and one for the revalidate route, so a site can add authorization or rate limiting on top.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>builder.Services.AddIsr()</c> was not called.</exception>
    public static IsrEndpointConventionBuilder MapIsr(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<IsrMarkerService>() is not { } marker)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'builder.Services.AddIsr()' before 'builder.Build()'.");
        }

        marker.MarkEndpointsMapped();

        var catalog = services.GetRequiredService<PageCatalog>();
        var pipeline = services.GetRequiredService<PageRequestPipeline>();
        var locales = services.GetRequiredService<PageLocales>();
        var options = services.GetRequiredService<IOptions<IsrOptions>>().Value;
        var group = endpoints.MapGroup(string.Empty);
        // The IsrPage classes; the app's own endpoint pages need no mapping of their own (EndpointPageMatcherPolicy).
        foreach (var page in catalog.ClassPages)
        {
            MapPage(group, page.Route.Template, context => pipeline.HandleAsync(context, page));
            if (page.Route.Template == "/")
            {
                // Next.js serves /index as the root page.
                MapPage(group, "/index", context => pipeline.HandleAsync(context, page));
            }

            // Each locale's prefix is a literal segment, so routing prefers it to any parameter in the first place.
            foreach (var locale in locales.All)
            {
                var template = "/" + locale + (page.Route.Template == "/" ? string.Empty : page.Route.Template);
                MapPage(group, template, context => pipeline.HandleAsync(context, page, localePrefixed: true));
            }
        }

        var revalidate = services.GetRequiredService<RevalidateEndpoint>();
        var status = services.GetRequiredService<PageStatusEndpoint>();
        var draft = services.GetRequiredService<DraftModeEndpoint>();
        var revalidation = endpoints.MapGroup(options.RevalidatePath);
        revalidation.Map(string.Empty, revalidate.HandleAsync).WithDisplayName("ISR revalidate");
        revalidation.Map("/status", status.HandleAsync).WithDisplayName("ISR page status");
        revalidation.Map("/draft", draft.EnableAsync).WithDisplayName("ISR draft mode on");
        revalidation.Map("/draft/disable", draft.DisableAsync).WithDisplayName("ISR draft mode off");
        return new IsrEndpointConventionBuilder(group, revalidation);
    }

    /// <summary>A page answers GET and HEAD; routing answers any other method with a 405 that lists them.</summary>
    private static void MapPage(RouteGroupBuilder group, string template, RequestDelegate handler) =>
        group.MapMethods(template, AllowedMethods, handler).WithDisplayName("ISR " + template);

    private static readonly string[] AllowedMethods = [HttpMethods.Get, HttpMethods.Head];
}
