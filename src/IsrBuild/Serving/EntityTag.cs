using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace IsrBuild.Serving;

/// <summary>Conditional requests on a representation's strong ETag.</summary>
internal static class EntityTag
{
    /// <summary>
    /// Whether <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison, <c>*</c> included), so the answer
    /// is a 304. A request that says <c>Cache-Control: no-cache</c> always gets the body, as Next.js does.
    /// </summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        if (request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var value in ifNoneMatch)
        {
            var span = value.AsSpan();
            foreach (var range in span.Split(','))
            {
                var candidate = span[range].Trim();
                if (candidate.StartsWith("W/", StringComparison.Ordinal))
                {
                    candidate = candidate[2..];
                }

                if (candidate.SequenceEqual("*") || candidate.SequenceEqual(etag))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
