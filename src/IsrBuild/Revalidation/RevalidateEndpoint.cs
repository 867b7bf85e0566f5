using System.Globalization;
using System.Text.Json;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Localization;
using IsrBuild.SecretRoutes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Revalidation;

/// <summary>
/// The revalidate route: checks the secret (in constant time, from <c>?secret=</c> or <c>Authorization: Bearer</c>),
/// limits failed attempts per client, reads the paths, prefixes, tags and mode (query or JSON body), revalidates, and
/// answers in JSON: 200, or 202 when pages were left to regenerate in the background. Nothing else can force a
/// regeneration from outside.
/// </summary>
internal sealed class RevalidateEndpoint(
    IIsrRevalidator revalidator,
    RevalidationTargetResolver resolver,
    PageLocales locales,
    SecretGuard guard,
    IOptions<IsrOptions> options,
    ILogger<RevalidateEndpoint> logger)
{
    private const int MaxBodyBytes = 1 << 20;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (await guard.AdmitAsync(context, allowPost: true) is not { } client)
        {
            return;
        }

        var (paths, tags, locale, modeName, problem) = await ReadTargetsAsync(request, context.RequestAborted);
        problem ??= TargetInput.ProblemWith(paths, tags, options.Value.MaxRevalidateItems) ?? locales.ProblemWith(locale);
        if (!TryParseMode(modeName, out var mode))
        {
            problem ??= $"'{modeName}' is not a mode: use now (the default: regenerate before answering), stale (serve stale once, regenerate in the background) or expire (render on the next request).";
        }

        if (problem is not null)
        {
            await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        paths = [.. paths.SelectMany(path => resolver.KeysFor(path, locale))];

        logger.Revalidating(paths.Count, tags.Count, client);
        var result = await revalidator.RevalidateAsync(paths, tags, mode, context.RequestAborted);
        var body = new RevalidateResponseBody
        {
            Revalidated = result.Succeeded && result.Paths.All(p => p.Status != PathRevalidationStatus.NoMatch),
            Mode = ModeName(result.Mode),
            InvalidatedAt = result.Invalidations.Count == 0 ? null : result.Invalidations[0].At,
            Results = result.Paths.Count == 0 ? null : [.. result.Paths.Select(p => new RevalidateResponseBody.PathResultBody(p.Path, StatusName(p.Status), p.Error))],
            Tags = TargetsOf(result, InvalidationScope.Tag),
            Prefixes = TargetsOf(result, InvalidationScope.Prefix),
            EdgePurgeFailed = result.EdgePurgeFailed.Count == 0 ? null : [.. result.EdgePurgeFailed],
        };

        var status = StatusCodes.Status200OK;
        if (result.NotRecorded is { } reason)
        {
            status = StatusCodes.Status500InternalServerError;
            var targets = string.Join(", ", result.Invalidations.Select(i => i.Scope switch
            {
                InvalidationScope.Tag => $"tag '{i.Display}'",
                InvalidationScope.Prefix => $"prefix '{i.Display}'",
                _ => $"'{i.Display}'",
            }));
            body.Message = $"The invalidation of {targets} was not recorded ({reason}): it holds on this host until it restarts, and no other host heard of it. Repeat the call once there is room.";
        }
        else if (!result.Succeeded)
        {
            status = StatusCodes.Status500InternalServerError;
            body.Message = "Regenerating failed; the last good page stays: " + string.Join("; ", result.Paths.Where(p => p.Status == PathRevalidationStatus.Failed).Select(p => p.Path));
        }
        else if (result.Paths.FirstOrDefault(p => p.Status == PathRevalidationStatus.NoMatch) is { } unmatched)
        {
            status = StatusCodes.Status404NotFound;
            body.Message = $"No page has the path '{unmatched.Path}' (no route matches it, or its page has fallback false and never prerendered it).";
        }
        else if (!result.Propagated)
        {
            // A webhook retries a 5xx: the pages changed here, but the other hosts have not heard of it.
            status = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "10";
            body.Propagated = false;
            body.Message = "Changed on this host only: the shared cache is unreachable, so the other hosts still serve the old pages. Repeat the call.";
        }
        else if (result.Accepted)
        {
            status = StatusCodes.Status202Accepted;
            body.Message = string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Queued} pages are marked stale and regenerate in the background (more than Isr:MaxRevalidateNowPages, {options.Value.MaxRevalidateNowPages}); each is new on its next request after it is done.");
        }
        else if (Unmatched(result) is { Length: > 0 } unmatchedTargets)
        {
            // Not an error (a tag may have no page yet), but a misspelt tag would otherwise pass unnoticed.
            logger.RevalidationMatchedNothing(unmatchedTargets);
            body.Message = $"No page matches {unmatchedTargets}: nothing was regenerated for it. Tags and prefixes match exactly, case included.";
        }

        await JsonAnswer.WriteAsync(context, status, body, RevalidationJsonContext.Default.RevalidateResponseBody);
    }

    /// <summary>The tags and prefixes that matched no page (counted in mode <c>now</c> only), described for the answer and the log.</summary>
    private static string Unmatched(RevalidationResult result) =>
        string.Join(", ", result.Targets.Where(t => t.Pages == 0).Select(t => t.Scope == InvalidationScope.Tag ? $"tag '{t.Target}'" : $"prefix '{t.Target}'"));

    private static List<RevalidateResponseBody.TargetResultBody>? TargetsOf(RevalidationResult result, InvalidationScope scope)
    {
        List<RevalidateResponseBody.TargetResultBody> targets =
        [
            .. result.Targets.Where(t => t.Scope == scope).Select(t => new RevalidateResponseBody.TargetResultBody(
                scope == InvalidationScope.Tag ? t.Target : null,
                scope == InvalidationScope.Prefix ? t.Target : null,
                t.Pages,
                t.Pages is null ? null : t.Regenerated,
                t.Pages is null ? null : t.Failed,
                t.Pages is null ? null : t.Queued)),
        ];
        return targets.Count == 0 ? null : targets;
    }

    private static bool TryParseMode(string? name, out RevalidationMode mode)
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

    private static string ModeName(RevalidationMode mode) => mode switch
    {
        RevalidationMode.Stale => "stale",
        RevalidationMode.Expire => "expire",
        _ => "now",
    };

    private static async Task<(List<string> Paths, List<string> Tags, string? Locale, string? Mode, string? Problem)> ReadTargetsAsync(HttpRequest request, CancellationToken cancellationToken)
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

    private static string StatusName(PathRevalidationStatus status) => status switch
    {
        PathRevalidationStatus.Regenerated => "regenerated",
        PathRevalidationStatus.NotFound => "notFound",
        PathRevalidationStatus.Failed => "failed",
        PathRevalidationStatus.NoMatch => "noMatch",
        PathRevalidationStatus.Skipped => "skipped",
        PathRevalidationStatus.MarkedStale => "stale",
        PathRevalidationStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
