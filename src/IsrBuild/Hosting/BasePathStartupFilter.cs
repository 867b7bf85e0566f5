using IsrBuild.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IsrBuild.Hosting;

/// <summary>
/// With <see cref="IsrOptions.BasePath"/>, moves the base from the request's path into its <c>PathBase</c> first thing,
/// before routing (which a startup filter runs ahead of, even with WebApplication's implicit routing), so the
/// site's routes stay written without it, as Next.js pages are; and, as Next.js's basePath does, confines the whole
/// site beneath it: any request outside the base is a 404, whatever would have answered it (static files included),
/// the site's own not-found page where it has one.
/// </summary>
internal sealed class BasePathStartupFilter(IOptions<IsrOptions> options) : IStartupFilter
{
    private static readonly Endpoint OutsideTheBase = new(
        context =>
        {
            PageResponseWriter.WriteUncachedStatus(context, StatusCodes.Status404NotFound);
            return Task.CompletedTask;
        },
        EndpointMetadataCollection.Empty,
        "ISR outside the base path");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.BasePath is { } configured)
        {
            var basePath = new PathString(configured);
            app.UsePathBase(basePath);
            app.Use((context, nextMiddleware) =>
            {
                // Outside the base, the only endpoint is a 404: routing matches nothing else and static files serve
                // nothing, while the app's own middleware runs, so its status-code pages render its not-found page.
                if (!context.Request.PathBase.StartsWithSegments(basePath))
                {
                    context.SetEndpoint(OutsideTheBase);
                }

                return nextMiddleware(context);
            });
        }

        next(app);
    };
}
