using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IsrBuild.Hosting;

/// <summary>
/// Stops startup when <c>AddIsr()</c> was called and <c>MapIsr()</c> was not: without it every ISR page and the
/// revalidate route would answer an empty 404 with nothing logged. Checked once the app's pipeline is built, when
/// <c>MapIsr</c> has run wherever it is called from (<c>Program.cs</c>, or a <c>Startup.Configure</c>'s
/// <c>UseEndpoints</c>), so publish's generator, which builds the same pipeline, stops the same way.
/// </summary>
internal sealed class MapIsrCheckStartupFilter(IsrMarkerService marker) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        if (!marker.EndpointsMapped)
        {
            throw new InvalidOperationException(
                "IsrBuild's services were added (builder.Services.AddIsr()) but its endpoints were not mapped: call "
                + "'app.MapIsr()' after 'builder.Build()'. Without it the ISR pages and the revalidate route answer 404.");
        }
    };
}
