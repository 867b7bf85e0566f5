using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>The one rule for a redirect's <c>Location</c>, whatever sent it.</summary>
internal static class RedirectLocation
{
    /// <summary>A local destination stays beneath the path base, as Next.js keeps basePath; any other is sent as it is.</summary>
    public static string Of(HttpRequest request, string destination) =>
        destination.StartsWith('/') ? request.PathBase.Add(new PathString(destination)).ToUriComponent() : destination;
}
