using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IsrBuild.Endpoints;

/// <summary>
/// The request of an isolated render. Its type marks the render, so routing's policy tells it from a visitor's
/// request with one typed feature read, which servers answer from a field.
/// </summary>
internal sealed class IsolatedRequest : HttpRequestFeature
{
    public static bool IsRender(HttpContext context) => context.Features.Get<IHttpRequestFeature>() is IsolatedRequest;
}
