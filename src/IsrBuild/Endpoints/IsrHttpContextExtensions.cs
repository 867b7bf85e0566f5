using IsrBuild;

namespace Microsoft.AspNetCore.Http;

/// <summary>IsrBuild's view of a request: what the page being rendered says about its caching.</summary>
public static class IsrHttpContextExtensions
{
    /// <summary>
    /// The ISR settings of the page this request renders: <c>HttpContext.Isr().Tag("post:42").Revalidate(60)</c>.
    /// In a request that is not an ISR render, an inactive instance whose settings have no effect.
    /// </summary>
    public static IsrRender Isr(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IsrRender>() is { } render)
        {
            return render;
        }

        var inactive = new IsrRender(isActive: false);
        context.Features.Set(inactive);
        return inactive;
    }
}
