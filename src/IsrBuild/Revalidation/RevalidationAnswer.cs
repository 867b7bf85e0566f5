using System.Globalization;
using IsrBuild.Coordination;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Revalidation;

/// <summary>
/// How a revalidation's result is answered: 200; 202 when pages were left to regenerate in the background; 404 for a
/// path no page has; 500 when regenerating failed or the invalidation was not recorded; 503 (retry) when the change
/// reached this host only. The body's size depends on what the call named, never on how many pages matched.
/// </summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="UnmatchedTargets">Tags and prefixes that matched no page, for the log; empty when every one matched.</param>
internal sealed record RevalidationAnswer(int Status, RevalidateResponseBody Body, string UnmatchedTargets)
{
    public static RevalidationAnswer Of(RevalidationResult result, int maxNowPages)
    {
        var body = new RevalidateResponseBody
        {
            Revalidated = result.Succeeded && result.Paths.All(p => p.Status != PathRevalidationStatus.NoMatch),
            Mode = ModeName(result.Mode),
            InvalidatedAt = result.Invalidations.Count == 0 ? null : result.Invalidations[0].At,
            Results = result.Paths.Count == 0 ? null : [.. result.Paths.Select(p => new RevalidateResponseBody.PathResultBody(p.Path, StatusName(p.Status), p.Error, p.Unchanged ? true : null))],
            Tags = TargetsOf(result, InvalidationScope.Tag),
            Prefixes = TargetsOf(result, InvalidationScope.Prefix),
            EdgePurgeFailed = result.EdgePurgeFailed.Count == 0 ? null : [.. result.EdgePurgeFailed],
        };

        var status = StatusCodes.Status200OK;
        var unmatchedTargets = string.Empty;
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
            body.Propagated = false;
            body.Message = "Changed on this host only: the shared cache is unreachable, so the other hosts still serve the old pages. Repeat the call.";
        }
        else if (result.Accepted)
        {
            status = StatusCodes.Status202Accepted;
            body.Message = string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Queued} pages are marked stale and regenerate in the background (more than Isr:MaxRevalidateNowPages, {maxNowPages}); each is new on its next request after it is done.");
        }
        else if (Unmatched(result) is { Length: > 0 } unmatchedTargetsFound)
        {
            // Not an error (a tag may have no page yet), but a misspelt tag would otherwise pass unnoticed.
            unmatchedTargets = unmatchedTargetsFound;
            body.Message = $"No page matches {unmatchedTargets}: nothing was regenerated for it. Tags and prefixes match exactly, case included.";
        }

        return new RevalidationAnswer(status, body, unmatchedTargets);
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
                t.Pages is null ? null : t.Unchanged,
                t.Pages is null ? null : t.Failed,
                t.Pages is null ? null : t.Queued)),
        ];
        return targets.Count == 0 ? null : targets;
    }

    private static string ModeName(RevalidationMode mode) => mode switch
    {
        RevalidationMode.Stale => "stale",
        RevalidationMode.Expire => "expire",
        _ => "now",
    };

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
