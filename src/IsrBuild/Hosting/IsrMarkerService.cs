namespace IsrBuild.Hosting;

/// <summary>
/// Registered by <c>AddIsr</c>, so <c>MapIsr</c> can tell the services are missing and say so, and marked by
/// <c>MapIsr</c>, so a host whose endpoints were never mapped can say that (<see cref="MapIsrCheckStartupFilter"/>).
/// </summary>
internal sealed class IsrMarkerService
{
    private volatile bool _endpointsMapped;

    public bool EndpointsMapped => _endpointsMapped;

    public void MarkEndpointsMapped() => _endpointsMapped = true;
}
