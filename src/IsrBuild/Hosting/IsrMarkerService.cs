namespace IsrBuild.Hosting;

/// <summary>Registered by <c>AddIsr</c>, so <c>MapIsr</c> can tell the services are missing and say so.</summary>
internal sealed class IsrMarkerService;
