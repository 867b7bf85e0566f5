using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IsrBuild.Serving;

/// <summary>
/// The cache key (<see cref="PagePath"/>) of a request. Kestrel decodes a path except <c>%2F</c>, so
/// <c>first%2Fpost</c> and <c>first%252Fpost</c> both reach the app as <c>first%2Fpost</c>; a path that holds any
/// escape is therefore keyed from the request target as the client sent it, every segment decoded once.
/// </summary>
internal static class RequestKey
{
    public static string Of(HttpRequest request)
    {
        var decoded = request.Path.Value ?? "/";
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith('/') || raw.AsSpan().IndexOf('%') < 0)
        {
            return PagePath.Normalize(decoded);
        }

        var end = raw.AsSpan().IndexOfAny('?', '#');
        var segments = (end < 0 ? raw : raw[..end]).Split('/');

        // The path base (UsePathBase) is decoded already; skip as many segments of the target as it has.
        var skip = 1 + (request.PathBase.Value?.Count(c => c == '/') ?? 0);
        var key = new System.Text.StringBuilder(raw.Length);
        for (var i = skip; i < segments.Length; i++)
        {
            var segment = Uri.UnescapeDataString(segments[i]);
            if (segment is "." or "..")
            {
                // Dot segments are resolved by Kestrel, never part of a key.
                return PagePath.Normalize(decoded);
            }

            key.Append('/').Append(PagePath.EscapeSegment(segment));
        }

        return PagePath.Normalize(key.Length == 0 ? "/" : key.ToString());
    }
}
