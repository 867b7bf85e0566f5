using Microsoft.AspNetCore.Builder;

namespace IsrBuild;

/// <summary>
/// The endpoints <c>MapIsr</c> maps. Conventions added here apply to all of them; <see cref="Pages"/> and
/// <see cref="Revalidation"/> take conventions for one kind only, such as authorization on the revalidate route.
/// </summary>
public sealed class IsrEndpointConventionBuilder : IEndpointConventionBuilder
{
    internal IsrEndpointConventionBuilder(IEndpointConventionBuilder pages, IEndpointConventionBuilder revalidation)
    {
        Pages = pages;
        Revalidation = revalidation;
    }

    /// <summary>The ISR page endpoints.</summary>
    public IEndpointConventionBuilder Pages { get; }

    /// <summary>The revalidate route.</summary>
    public IEndpointConventionBuilder Revalidation { get; }

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention)
    {
        Pages.Add(convention);
        Revalidation.Add(convention);
    }

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        Pages.Finally(finallyConvention);
        Revalidation.Finally(finallyConvention);
    }
}
