using IsrBuild;
using IsrBuild.Generation;
using IsrBuild.Hosting;
using IsrBuild.Revalidation;
using IsrBuild.Serving;
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
        if (services.GetService<IsrMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'builder.Services.AddIsr()' before 'builder.Build()'.");
        }

        var catalog = services.GetRequiredService<PageCatalog>();
        var handler = services.GetRequiredService<PageRequestHandler>();
        var group = endpoints.MapGroup(string.Empty);
        foreach (var page in catalog.Pages)
        {
            group.Map(page.Route.Template, context => handler.HandleAsync(context, page))
                .WithDisplayName("ISR " + page.Route.Template);
            if (page.Route.Template == "/")
            {
                // Next.js serves /index as the root page.
                group.Map("/index", context => handler.HandleAsync(context, page)).WithDisplayName("ISR /index");
            }
        }

        var revalidate = services.GetRequiredService<RevalidateEndpoint>();
        var revalidation = endpoints.MapGroup(services.GetRequiredService<IOptions<IsrOptions>>().Value.RevalidatePath);
        revalidation.Map(string.Empty, revalidate.HandleAsync).WithDisplayName("ISR revalidate");
        revalidation.Map("/status", revalidate.StatusAsync).WithDisplayName("ISR page status");
        return new IsrEndpointConventionBuilder(group, revalidation);
    }
}
