using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IsrBuild.Endpoints;

/// <summary>
/// Takes the rest of the app's pipeline as the host builds it: a middleware factory that returns what follows it
/// unchanged, so it costs a request nothing. Registered after the base-path filter, so a render runs beneath the base
/// like any request; the host's own filters ahead of it (host filtering, forwarded headers) are about the
/// connection, which an isolated render does not have.
/// </summary>
internal sealed class AppPipelineStartupFilter(AppPipeline pipeline) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest =>
        {
            pipeline.Capture(rest);
            return rest;
        });
        next(app);
    };
}
