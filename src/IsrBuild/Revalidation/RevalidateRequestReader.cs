using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Revalidation;

/// <summary>
/// What a revalidate call names, from its query (<c>path</c>, <c>tag</c>, <c>locale</c>, <c>mode</c>) and from a
/// JSON body (<c>{"paths": [...], "tags": [...], "locale": ..., "mode": ...}</c>), or why it cannot be read.
/// </summary>
internal static class RevalidateRequestReader
{
    private const int MaxBodyBytes = 1 << 20;

    public static async Task<(List<string> Paths, List<string> Tags, string? Locale, string? Mode, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var paths = request.Query["path"].OfType<string>().ToList();
        var tags = request.Query["tag"].OfType<string>().ToList();
        string? locale = request.Query["locale"];
        string? mode = request.Query["mode"];
        // `curl -X POST` without data sends no Content-Length at all: a request that cannot have a body has none.
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength == 0 || !canHaveBody)
        {
            return (paths, tags, locale, mode, null);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (paths, tags, locale, mode, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        var mediaType = request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not null && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return (paths, tags, locale, mode, "The body must be JSON: {\"paths\": [...], \"tags\": [...]}.");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, RevalidationJsonContext.Default.RevalidateRequestBody, cancellationToken);
            paths.AddRange(body?.Paths ?? []);
            tags.AddRange(body?.Tags ?? []);
            return (paths, tags, body?.Locale ?? locale, body?.Mode ?? mode, null);
        }
        catch (JsonException exception)
        {
            return (paths, tags, locale, mode, "The body is not valid JSON of the form {\"paths\": [...], \"tags\": [...]}: " + exception.Message);
        }
    }

    /// <summary>The mode a call names: <c>now</c> when it names none, <c>max</c> (Next.js 16's name) for <c>stale</c>.</summary>
    public static bool TryParseMode(string? name, out RevalidationMode mode)
    {
        switch (name?.ToUpperInvariant())
        {
            case null or "" or "NOW":
                mode = RevalidationMode.Now;
                return true;
            case "STALE" or "MAX":
                // "max" is Next.js 16's name for it: revalidateTag(tag, "max").
                mode = RevalidationMode.Stale;
                return true;
            case "EXPIRE":
                mode = RevalidationMode.Expire;
                return true;
            default:
                mode = RevalidationMode.Now;
                return false;
        }
    }
}
