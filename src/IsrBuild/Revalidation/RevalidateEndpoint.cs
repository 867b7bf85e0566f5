using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using IsrBuild.Diagnostics;
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
internal sealed class RevalidateEndpoint : IDisposable
{
    private const int MaxBodyBytes = 1 << 20;

    private readonly IIsrRevalidator _revalidator;
    private readonly ILogger<RevalidateEndpoint> _logger;
    private readonly byte[]? _secretHash;
    private readonly int _maxItems;
    private readonly PartitionedRateLimiter<string> _failedAttempts;

    private readonly PageStatusReader _status;

    public RevalidateEndpoint(IIsrRevalidator revalidator, PageStatusReader status, IOptions<IsrOptions> options, ILogger<RevalidateEndpoint> logger)
    {
        _revalidator = revalidator;
        _status = status;
        _logger = logger;
        var secret = options.Value.RevalidateSecret;
        _secretHash = string.IsNullOrEmpty(secret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        _maxItems = options.Value.MaxRevalidateItems;
        var permits = options.Value.RevalidateFailuresPerMinute;
        _failedAttempts = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (await RefuseAsync(context, allowPost: true) is not { } client)
        {
            return;
        }

        var (paths, tags, problem) = await ReadTargetsAsync(request, context.RequestAborted);
        problem ??= Validate(paths, tags);
        if (problem is not null)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Message(problem));
            return;
        }

        _logger.Revalidating(paths.Count, tags.Count, client);
        var result = await _revalidator.RevalidateAsync(paths, tags, context.RequestAborted);
        var body = new RevalidateResponseBody
        {
            Revalidated = result.Succeeded && result.Paths.All(p => p.Status != PathRevalidationStatus.NoMatch),
            Results = [.. result.Paths.Select(p => new RevalidateResponseBody.PathResultBody(p.Path, StatusName(p.Status), p.Error))],
            Tags = result.Tags.Count == 0 ? null : [.. result.Tags.Select(t => new RevalidateResponseBody.TagResultBody(t.Tag, t.Pages))],
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

    /// <summary>
    /// <c>GET &lt;revalidate route&gt;/status?path=...</c>: why a page is what it is — where it comes from, when it was
    /// generated, its interval and staleness, tags and hash, the last failure and the next retry, whether a
    /// regeneration is queued or running, and (with several hosts) who holds its lease. Behind the same secret.
    /// </summary>
    public async Task StatusAsync(HttpContext context)
    {
        if (await RefuseAsync(context, allowPost: false) is null)
        {
            return;
        }

        var path = context.Request.Query["path"].ToString();
        if (Validate([path], []) is { } problem)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Message(problem));
            return;
        }

        var status = await _status.DescribeAsync(PagePath.Normalize(path), context.RequestAborted);
        context.Response.StatusCode = status.Route is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(status, RevalidationJsonContext.Default.PageStatusBody, "application/json; charset=utf-8", context.RequestAborted);
    }

    public void Dispose() => _failedAttempts.Dispose();

    /// <summary>
    /// The guards both routes share: off without a secret, the methods allowed, failed attempts limited per client,
    /// the secret. Answers and returns <see langword="null"/> when the call goes no further; else the client.
    /// </summary>
    private async Task<string?> RefuseAsync(HttpContext context, bool allowPost)
    {
        var request = context.Request;
        var response = context.Response;
        if (_secretHash is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        if (!HttpMethods.IsGet(request.Method) && !(allowPost && HttpMethods.IsPost(request.Method)))
        {
            response.Headers.Allow = allowPost ? "GET, POST" : "GET";
            await AnswerAsync(context, StatusCodes.Status405MethodNotAllowed, Message(allowPost ? "Use GET or POST." : "Use GET."));
            return null;
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_failedAttempts.GetStatistics(client) is { CurrentAvailablePermits: 0 })
        {
            _logger.RevalidationRateLimited(client);
            response.Headers.RetryAfter = "60";
            await AnswerAsync(context, StatusCodes.Status429TooManyRequests, Message("Too many failed attempts; try again in a minute."));
            return null;
        }

        if (!HasValidSecret(request))
        {
            using var lease = _failedAttempts.AttemptAcquire(client);
            _logger.RevalidationUnauthorized(client);
            await AnswerAsync(context, StatusCodes.Status401Unauthorized, Message("Invalid token"));
            return null;
        }

        return client;
    }

    private bool HasValidSecret(HttpRequest request)
    {
        string? provided = request.Query["secret"];
        if (string.IsNullOrEmpty(provided))
        {
            var authorization = request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                provided = authorization["Bearer ".Length..].Trim();
            }
        }

        // Hashing first makes the comparison constant-time in the secret's length as well as its content.
        return !string.IsNullOrEmpty(provided)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(provided)), _secretHash);
    }

    private static async Task<(List<string> Paths, List<string> Tags, string? Problem)> ReadTargetsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var paths = request.Query["path"].OfType<string>().ToList();
        var tags = request.Query["tag"].OfType<string>().ToList();
        // `curl -X POST` without data sends no Content-Length at all: a request that cannot have a body has none.
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength == 0 || !canHaveBody)
        {
            return (paths, tags, null);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (paths, tags, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        var mediaType = request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not null && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return (paths, tags, "The body must be JSON: {\"paths\": [...], \"tags\": [...]}.");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, RevalidationJsonContext.Default.RevalidateRequestBody, cancellationToken);
            paths.AddRange(body?.Paths ?? []);
            tags.AddRange(body?.Tags ?? []);
            return (paths, tags, null);
        }
        catch (JsonException exception)
        {
            return (paths, tags, "The body is not valid JSON of the form {\"paths\": [...], \"tags\": [...]}: " + exception.Message);
        }
    }

    private string? Validate(List<string> paths, List<string> tags)
    {
        if (paths.Count == 0 && tags.Count == 0)
        {
            return "Name at least one path (path=/posts/42) or tag (tag=post:42).";
        }

        if (paths.Count + tags.Count > _maxItems)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A call may name at most {_maxItems} paths and tags together (Isr:MaxRevalidateItems); it named {paths.Count + tags.Count}.");
        }

        return paths.Select(RevalidationInput.ProblemWithPath).FirstOrDefault(p => p is not null)
            ?? tags.Select(RevalidationInput.ProblemWithTag).FirstOrDefault(p => p is not null);
    }

    private static RevalidateResponseBody Message(string message) => new() { Revalidated = false, Message = message };

    private static Task AnswerAsync(HttpContext context, int status, RevalidateResponseBody body)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, RevalidationJsonContext.Default.RevalidateResponseBody, contentType: "application/json; charset=utf-8", context.RequestAborted);
    }

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
