using System.Globalization;
using System.Text.Json;
using IsrBuild.Diagnostics;
using IsrBuild.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Revalidation;

/// <summary>
/// The revalidate route: checks the secret (in constant time, from <c>?secret=</c> or <c>Authorization: Bearer</c>),
/// limits failed attempts per client, reads the paths and tags (query or JSON body), revalidates them before it
/// answers, and answers in JSON. Nothing else can force a regeneration from outside.
/// </summary>
internal sealed class RevalidateEndpoint(
    IIsrRevalidator revalidator,
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

        var (paths, tags, locale, problem) = await ReadTargetsAsync(request, context.RequestAborted);
        problem ??= Validate(paths, tags, options.Value.MaxRevalidateItems) ?? locales.ProblemWith(locale);
        if (problem is not null)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Message(problem));
            return;
        }

        paths = [.. paths.SelectMany(path => locales.KeysFor(PagePath.Normalize(path), locale))];

        logger.Revalidating(paths.Count, tags.Count, client);
        var result = await revalidator.RevalidateAsync(paths, tags, context.RequestAborted);
        var body = new RevalidateResponseBody
        {
            Revalidated = result.Succeeded && result.Paths.All(p => p.Status != PathRevalidationStatus.NoMatch),
            Results = [.. result.Paths.Select(p => new RevalidateResponseBody.PathResultBody(p.Path, StatusName(p.Status), p.Error))],
            Tags = result.Tags.Count == 0 ? null : [.. result.Tags.Select(t => new RevalidateResponseBody.TagResultBody(t.Tag, t.Pages))],
            EdgePurgeFailed = result.EdgePurgeFailed.Count == 0 ? null : [.. result.EdgePurgeFailed],
        };

        var status = StatusCodes.Status200OK;
        if (!result.Succeeded)
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
            body.Message = "Regenerated on this host only: the shared cache is unreachable, so the other hosts still serve the old pages. Repeat the call.";
        }

        await AnswerAsync(context, status, body);
    }

    /// <summary>Answers and returns <see langword="null"/> when <see cref="SecretGuard"/> stops the call; else the client.</summary>

    private static async Task<(List<string> Paths, List<string> Tags, string? Locale, string? Problem)> ReadTargetsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var paths = request.Query["path"].OfType<string>().ToList();
        var tags = request.Query["tag"].OfType<string>().ToList();
        string? locale = request.Query["locale"];
        // `curl -X POST` without data sends no Content-Length at all: a request that cannot have a body has none.
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength == 0 || !canHaveBody)
        {
            return (paths, tags, locale, null);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (paths, tags, locale, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        var mediaType = request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not null && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return (paths, tags, locale, "The body must be JSON: {\"paths\": [...], \"tags\": [...]}.");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, RevalidationJsonContext.Default.RevalidateRequestBody, cancellationToken);
            paths.AddRange(body?.Paths ?? []);
            tags.AddRange(body?.Tags ?? []);
            return (paths, tags, body?.Locale ?? locale, null);
        }
        catch (JsonException exception)
        {
            return (paths, tags, locale, "The body is not valid JSON of the form {\"paths\": [...], \"tags\": [...]}: " + exception.Message);
        }
    }

    /// <summary>Why the paths and tags cannot be revalidated, or <see langword="null"/>; the status route checks its path the same way.</summary>
    internal static string? Validate(List<string> paths, List<string> tags, int maxItems)
    {
        if (paths.Count == 0 && tags.Count == 0)
        {
            return "Name at least one path (path=/posts/42) or tag (tag=post:42).";
        }

        if (paths.Count + tags.Count > maxItems)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A call may name at most {maxItems} paths and tags together (Isr:MaxRevalidateItems); it named {paths.Count + tags.Count}.");
        }

        return paths.Select(RevalidationInput.ProblemWithPath).FirstOrDefault(p => p is not null)
            ?? tags.Select(RevalidationInput.ProblemWithTag).FirstOrDefault(p => p is not null);
    }

    /// <summary>The refusal of a call: <c>{"revalidated": false, "message": "..."}</c>.</summary>
    internal static RevalidateResponseBody Message(string message) => new() { Revalidated = false, Message = message };

    internal static Task AnswerAsync(HttpContext context, int status, RevalidateResponseBody body) =>
        JsonAnswer.WriteAsync(context, status, body, RevalidationJsonContext.Default.RevalidateResponseBody);

    private static string StatusName(PathRevalidationStatus status) => status switch
    {
        PathRevalidationStatus.Regenerated => "regenerated",
        PathRevalidationStatus.NotFound => "notFound",
        PathRevalidationStatus.Failed => "failed",
        PathRevalidationStatus.NoMatch => "noMatch",
        PathRevalidationStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
