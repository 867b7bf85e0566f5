using IsrBuild;
using IsrBuild.Generation;
using IsrBuild.Hosting;
using IsrBuild.Localization;
using IsrBuild.Revalidation;
using IsrBuild.Serving;
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
        if (services.GetService<IsrMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'builder.Services.AddIsr()' before 'builder.Build()'.");
        }

        var catalog = services.GetRequiredService<PageCatalog>();
        var handler = services.GetRequiredService<PageRequestHandler>();
        var locales = services.GetRequiredService<PageLocales>();
        var options = services.GetRequiredService<IOptions<IsrOptions>>().Value;
        var basePath = options.BasePath is { } configured ? new PathString(configured) : (PathString?)null;
        var group = endpoints.MapGroup(string.Empty);
        foreach (var page in catalog.Pages)
        {
            group.Map(page.Route.Template, WithinBase(basePath, context => handler.HandleAsync(context, page)))
                .WithDisplayName("ISR " + page.Route.Template);
            if (page.Route.Template == "/")
            {
                // Next.js serves /index as the root page.
                group.Map("/index", WithinBase(basePath, context => handler.HandleAsync(context, page))).WithDisplayName("ISR /index");
            }

            // Each locale's prefix is a literal segment, so routing prefers it to any parameter in the first place.
            foreach (var locale in locales.All)
            {
                var template = "/" + locale + (page.Route.Template == "/" ? string.Empty : page.Route.Template);
                group.Map(template, WithinBase(basePath, context => handler.HandleAsync(context, page, localePrefixed: true)))
                    .WithDisplayName("ISR " + template);
            }
        }

        var revalidate = services.GetRequiredService<RevalidateEndpoint>();
        var draft = services.GetRequiredService<DraftModeEndpoint>();
        var revalidation = endpoints.MapGroup(options.RevalidatePath);
        revalidation.Map(string.Empty, WithinBase(basePath, revalidate.HandleAsync)).WithDisplayName("ISR revalidate");
        revalidation.Map("/status", WithinBase(basePath, revalidate.StatusAsync)).WithDisplayName("ISR page status");
        revalidation.Map("/draft", WithinBase(basePath, draft.EnableAsync)).WithDisplayName("ISR draft mode on");
        revalidation.Map("/draft/disable", WithinBase(basePath, draft.DisableAsync)).WithDisplayName("ISR draft mode off");
        return new IsrEndpointConventionBuilder(group, revalidation);
    }

    /// <summary>
    /// With <see cref="IsrOptions.BasePath"/>, an endpoint answers only a request that came in beneath it (IsrBuild's
    /// startup filter moved the base into <c>PathBase</c>); any other gets the 404 Next.js gives outside its basePath.
    /// </summary>
    private static RequestDelegate WithinBase(PathString? basePath, RequestDelegate endpoint)
    {
        if (basePath is not { } required)
        {
            return endpoint;
        }

        return context =>
        {
            if (context.Request.PathBase.StartsWithSegments(required))
            {
                return endpoint(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers.CacheControl = IsrHeaders.NoStore;
            return Task.CompletedTask;
        };
    }
}
