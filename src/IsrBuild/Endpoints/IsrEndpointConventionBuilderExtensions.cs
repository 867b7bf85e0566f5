using IsrBuild;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Makes endpoints ISR pages, as <see cref="IsrAttribute"/> does.</summary>
public static class IsrEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Makes the builder's endpoints ISR pages: <c>app.MapRazorPages().WithIsr(revalidateSeconds: 60)</c>,
    /// <c>app.MapGet("/about", ...).WithIsr()</c>, <c>app.MapRazorComponents&lt;App&gt;().WithIsr(60, "posts")</c>. An
    /// <see cref="IsrAttribute"/> on a page, controller, action or component wins over these settings.
    /// </summary>
    /// <param name="builder">The endpoints.</param>
    /// <param name="revalidateSeconds">The interval in seconds; 0 (the default) regenerates only on demand.</param>
    /// <param name="tags">Tags every path of these pages carries.</param>
    public static TBuilder WithIsr<TBuilder>(this TBuilder builder, int revalidateSeconds = 0, params string[] tags)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegative(revalidateSeconds);
        var settings = new IsrAttribute { RevalidateSeconds = revalidateSeconds, Tags = StaticProps.ValidateTags(tags) };

        // Inserted first, so an attribute on the page itself (added to the metadata later) is the one GetMetadata finds.
        builder.Add(endpoint => endpoint.Metadata.Insert(0, settings));
        return builder;
    }
}
