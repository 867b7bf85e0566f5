using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace IsrBuild.Hosting;

/// <summary>
/// With <see cref="IsrOptions.BasePath"/>, moves the base from the request's path into its <c>PathBase</c> first thing,
/// before routing (which a startup filter runs ahead of, even with WebApplication's implicit routing), so the
/// site's routes stay written without it, as Next.js pages are.
/// </summary>
internal sealed class BasePathStartupFilter(IOptions<IsrOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.BasePath is { } basePath)
        {
            app.UsePathBase(basePath);
        }

        next(app);
    };
}
