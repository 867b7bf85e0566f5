namespace IsrBuild.Generation;

/// <summary>
/// The site's endpoints that are ISR pages (<see cref="IsrAttribute"/>, <c>WithIsr</c>), found once the app has
/// mapped its endpoints. The generation side knows them only through this seam; the Endpoints folder finds them.
/// </summary>
internal interface IEndpointPages
{
    /// <summary>Whether the app has mapped its endpoints (its pipeline is built), so <see cref="Discover"/> sees them all.</summary>
    bool IsReady { get; }

    /// <summary>The endpoint pages; empty when the app has none.</summary>
    IReadOnlyList<PageDescriptor> Discover();
}
