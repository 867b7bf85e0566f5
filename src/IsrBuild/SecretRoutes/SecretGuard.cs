using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using IsrBuild.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.SecretRoutes;

/// <summary>
/// What every route behind <see cref="IsrOptions.RevalidateSecret"/> checks first: the route is off without a secret,
/// allows only its methods, admits the right secret always and limits failed attempts per client, and compares the secret (<c>?secret=</c> or
/// <c>Authorization: Bearer</c>) in constant time.
/// </summary>
internal sealed class SecretGuard : IDisposable
{
    private readonly ILogger<SecretGuard> _logger;
    private readonly byte[]? _secretHash;
    private readonly PartitionedRateLimiter<string> _failedAttempts;

    public SecretGuard(IOptions<IsrOptions> options, ILogger<SecretGuard> logger)
    {
        _logger = logger;
        var secret = options.Value.RevalidateSecret;
        _secretHash = string.IsNullOrEmpty(secret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var permits = options.Value.RevalidateFailuresPerMinute;
        _failedAttempts = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>
    /// Checks a call. Returns the client's address when it may go on; otherwise sets the status (and <c>Allow</c> or
    /// <c>Retry-After</c>) and returns <see langword="null"/> with the message to answer, if any (a route that is off
    /// answers a bare 404).
    /// </summary>
    public (string? Client, string? Refusal) Check(HttpContext context, bool allowPost)
    {
        var request = context.Request;
        var response = context.Response;
        if (_secretHash is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return (null, null);
        }

        if (!HttpMethods.IsGet(request.Method) && !(allowPost && HttpMethods.IsPost(request.Method)))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = allowPost ? "GET, POST" : "GET";
            return (null, allowPost ? "Use GET or POST." : "Use GET.");
        }

        // The caller's address as the trusted proxy forwards it (UseForwardedHeaders), so one caller's failures never
        // count against another's behind the same nginx.
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HasValidSecret(request))
        {
            // A correct secret is always admitted: only failures are limited, so nobody can lock the CMS out by failing.
            return (client, null);
        }

        using var lease = _failedAttempts.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            _logger.RevalidationRateLimited(client);
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = "60";
            return (null, "Too many failed attempts; try again in a minute.");
        }

        _logger.RevalidationUnauthorized(client);
        response.StatusCode = StatusCodes.Status401Unauthorized;
        return (null, "Invalid token");
    }

    /// <summary>
    /// As <see cref="Check"/>, answering a refusal as the revalidate route does (<c>{"revalidated": false, "message":
    /// "..."}</c>): the client's address when the call may go on, else <see langword="null"/>.
    /// </summary>
    public async Task<string?> AdmitAsync(HttpContext context, bool allowPost)
    {
        var (client, refusal) = Check(context, allowPost);
        if (client is null && refusal is not null)
        {
            await Refusal.WriteAsync(context, context.Response.StatusCode, refusal);
        }

        return client;
    }

    public void Dispose() => _failedAttempts.Dispose();

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
}
