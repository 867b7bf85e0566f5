using Microsoft.Extensions.Logging;

namespace IsrBuild.Diagnostics;

/// <summary>IsrBuild's log messages. Event ids are stable and never reused; no message ever carries the secret.</summary>
/// <remarks>
/// In id order. 9 (a damaged page file deleted) and 11 (the cache folder unreadable) belonged to the page-per-file
/// store SQLite replaced; they are never reused.
/// </remarks>
internal static partial class IsrLog
{
    [LoggerMessage(1, LogLevel.Warning, "No ISR manifest at {Path}: nothing was prerendered, so every page renders on its first request. Publish with IsrBuild to prerender.")]
    public static partial void ManifestMissing(this ILogger logger, string path);

    [LoggerMessage(2, LogLevel.Information, "Loaded the ISR manifest {Path}; serving the prerendered pages of build {BuildId} from {Store}.")]
    public static partial void ManifestLoaded(this ILogger logger, string path, string store, string buildId);

    [LoggerMessage(3, LogLevel.Error, "Regenerating {Path} failed; the last good page is kept and the next attempt waits {RetrySeconds} s.")]
    public static partial void RegenerationFailed(this ILogger logger, string path, int retrySeconds, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Regenerated {Path} ({Reason}) in {ElapsedMilliseconds} ms.")]
    public static partial void Regenerated(this ILogger logger, string path, GenerationReason reason, long elapsedMilliseconds);

    [LoggerMessage(5, LogLevel.Warning, "The regeneration queue is full ({Capacity}); {Path} stays stale until a later request queues it ({Unlogged} more such pages since the last logged).")]
    public static partial void RegenerationQueueFull(this ILogger logger, string path, int capacity, long unlogged);

    [LoggerMessage(6, LogLevel.Error, "Rendering {Path} on its first request failed; answered 500 and cached nothing.")]
    public static partial void FirstRenderFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "{Path} is not found any more; its page was removed.")]
    public static partial void PageRemoved(this ILogger logger, string path);

    [LoggerMessage(8, LogLevel.Information, "Deleted the cache folder of an older build, {Folder}.")]
    public static partial void OldBuildCacheDeleted(this ILogger logger, string folder);

    [LoggerMessage(10, LogLevel.Information, "Evicted {Count} regenerated pages from the cache folder, which holds {Bytes} bytes now.")]
    public static partial void CacheEvicted(this ILogger logger, int count, long bytes);

    [LoggerMessage(43, LogLevel.Warning, "Evicting regenerated pages from the cache folder failed; the next write over its cap tries again.")]
    public static partial void CacheEvictionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Compiling template {Template} at startup failed; the first page that uses it will report the error.")]
    public static partial void TemplateWarmUpFailed(this ILogger logger, string template, Exception exception);

    [LoggerMessage(13, LogLevel.Debug, "Compiled {Count} templates at startup in {ElapsedMilliseconds} ms.")]
    public static partial void TemplatesWarmedUp(this ILogger logger, int count, long elapsedMilliseconds);

    [LoggerMessage(14, LogLevel.Warning, "Isr:RevalidateSecret is not set: the revalidate route {Path} answers 404. Set it (for example Isr__RevalidateSecret in the environment) to revalidate on demand.")]
    public static partial void RevalidateRouteOff(this ILogger logger, string path);

    [LoggerMessage(15, LogLevel.Warning, "Isr:RevalidateSecret is shorter than 32 characters; a longer random secret resists guessing.")]
    public static partial void RevalidateSecretShort(this ILogger logger);

    [LoggerMessage(16, LogLevel.Information, "Revalidating {PathCount} paths and {TagCount} tags for {RemoteAddress}.")]
    public static partial void Revalidating(this ILogger logger, int pathCount, int tagCount, string remoteAddress);

    [LoggerMessage(17, LogLevel.Warning, "Refused a revalidate call from {RemoteAddress}: wrong or missing secret.")]
    public static partial void RevalidationUnauthorized(this ILogger logger, string remoteAddress);

    [LoggerMessage(18, LogLevel.Warning, "Refused a revalidate call from {RemoteAddress}: too many failed attempts in the last minute.")]
    public static partial void RevalidationRateLimited(this ILogger logger, string remoteAddress);

    [LoggerMessage(19, LogLevel.Error, "Regenerating {Path} on demand failed; the last good page is kept and the revalidate call answers 500.")]
    public static partial void OnDemandRegenerationFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(20, LogLevel.Error, "Generating {Path} in the background, behind a fallback rendering, failed; nothing was cached, and the next request tries again.")]
    public static partial void BackgroundFirstRenderFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(21, LogLevel.Warning, "The published store {Store} cannot be used ({Reason}); the manifest's paths are rendered on their first request instead.")]
    public static partial void PublishedStoreUnusable(this ILogger logger, string store, string reason);

    [LoggerMessage(22, LogLevel.Error, "The published store {Store} turned out damaged while reading {Key}; its pages are rendered on demand from now on.")]
    public static partial void PublishedStoreDamaged(this ILogger logger, string store, string key, Exception exception);

    [LoggerMessage(23, LogLevel.Warning, "The store of regenerated pages {File} is damaged; it was deleted and started afresh, and its pages are regenerated as they are asked for.")]
    public static partial void RegeneratedStoreDamaged(this ILogger logger, string file, Exception exception);

    [LoggerMessage(24, LogLevel.Error, "The CDN purger {Purger} failed for {PathCount} paths and {TagCount} tags; the hosts serve the new pages, the CDN may keep old ones until their s-maxage.")]
    public static partial void CdnPurgeFailed(this ILogger logger, string purger, int pathCount, int tagCount, Exception exception);

    [LoggerMessage(25, LogLevel.Error, "Rendering {Path} in draft mode failed; the editor got a 500, and nothing cached changed.")]
    public static partial void DraftRenderFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(26, LogLevel.Warning, "The pages were published for the locales {Published}, but Isr:Locales and Isr:DefaultLocale say {Configured}: prefixed URLs and published keys no longer match. Publish again, or configure the host as the publish was.")]
    public static partial void LocalesDifferFromPublish(this ILogger logger, string published, string configured);

    [LoggerMessage(27, LogLevel.Information, "IsrBuild development mode is on ({Environment} environment): every page request runs static paths and static props and renders fresh, templates are read as edited, and nothing is cached. To try ISR locally, set Isr:DevelopmentMode to false (Isr__DevelopmentMode=false), or publish and run the output.")]
    public static partial void DevelopmentModeOn(this ILogger logger, string environment);

    [LoggerMessage(28, LogLevel.Warning, "Purging {Url} ({Encoding}) from the cache in front failed ({Reason}); it may serve the old page until its freshness ends.")]
    public static partial void EdgePurgeFailed(this ILogger logger, string url, string encoding, string reason, Exception? exception);

    [LoggerMessage(29, LogLevel.Warning, "The edge purge queue is full ({Capacity}); {Path} is not purged from the caches in front until it changes again.")]
    public static partial void EdgePurgeQueueFull(this ILogger logger, string path, int capacity);

    [LoggerMessage(30, LogLevel.Warning, "The invalidation log {File} is damaged; it was deleted and started afresh. Invalidations made before this start are forgotten: revalidate again what changed while the host was down.")]
    public static partial void InvalidationLogDamaged(this ILogger logger, string file, Exception exception);

    [LoggerMessage(31, LogLevel.Information, "Invalidated {Targets} ({Mode}); pages written before {At:O} are out of date.")]
    public static partial void Invalidated(this ILogger logger, string targets, string mode, DateTimeOffset at);

    [LoggerMessage(32, LogLevel.Information, "Regenerating in the background the {Count} pages a revalidation invalidated ({Targets}).")]
    public static partial void BackgroundRevalidationStarted(this ILogger logger, int count, string targets);

    [LoggerMessage(33, LogLevel.Information, "Background revalidation of {Targets} done: {Regenerated} regenerated ({Unchanged} of them unchanged: the same bytes, only their times written), {Skipped} already new or taken by another host, {Failed} failed, in {ElapsedMs} ms.")]
    public static partial void BackgroundRevalidationDone(this ILogger logger, string targets, int regenerated, int unchanged, int skipped, int failed, long elapsedMs);

    [LoggerMessage(34, LogLevel.Warning, "Rendering {Path} in the request failed (expired); the last good page was served stale.")]
    public static partial void ExpiredRenderFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(35, LogLevel.Warning, "Regenerating {Path} in the background after a revalidation failed; the last good page stays, marked stale, and its next visitor tries again.")]
    public static partial void BackgroundRevalidationFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(36, LogLevel.Warning, "Refused {Count} first renders past Isr:MaxFirstRendersPerSecond (503, Retry-After: 1), the latest for {Path}: paths never generated are arriving faster than the ceiling.")]
    public static partial void FirstRendersRefused(this ILogger logger, long count, string path);

    [LoggerMessage(37, LogLevel.Warning, "The endpoint {Endpoint} has [Isr] but requires authorization; it is served by the app as it is, never stored: an ISR page is the same for every visitor.")]
    public static partial void EndpointPageNeedsAuthorization(this ILogger logger, string endpoint);

    [LoggerMessage(38, LogLevel.Warning, "Rendering {Path} produced nothing to store; the app answers the request itself.")]
    public static partial void EndpointPageNotStored(this ILogger logger, string path, Exception exception);

    [LoggerMessage(39, LogLevel.Warning, "A revalidation named {Targets}, which match no page: nothing was regenerated for them. Tags and prefixes match exactly, case included.")]
    public static partial void RevalidationMatchedNothing(this ILogger logger, string targets);

    [LoggerMessage(40, LogLevel.Error, "Reading {Path} from the page store failed ({Unlogged} more read errors since the last logged): pages are served from memory or rendered until the store answers again.")]
    public static partial void PageStoreReadFailed(this ILogger logger, string path, long unlogged, Exception exception);

    [LoggerMessage(41, LogLevel.Error, "Writing {Path} to the page store failed ({Unlogged} more write errors since the last logged): the last good page stays and the regeneration counts as failed.")]
    public static partial void PageStoreWriteFailed(this ILogger logger, string path, long unlogged, Exception exception);

    [LoggerMessage(42, LogLevel.Error, "Recording the invalidation of {Targets} failed; it holds on this host until it restarts, and the revalidate call answers 500.")]
    public static partial void InvalidationNotRecorded(this ILogger logger, string targets, Exception exception);
}
