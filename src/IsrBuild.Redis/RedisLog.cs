using Microsoft.Extensions.Logging;

namespace IsrBuild.Redis;

/// <summary>IsrBuild.Redis's log messages; event ids from 100, stable and never reused.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(100, LogLevel.Warning, "Redis is unreachable ({Operation}); this host serves and regenerates its own pages until it returns.")]
    public static partial void RedisUnreachable(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(101, LogLevel.Information, "Redis is back; catching up on the changes this host missed.")]
    public static partial void RedisRestored(this ILogger logger);

    [LoggerMessage(102, LogLevel.Debug, "Applied {Path}, regenerated on another host (fence {Fence}).")]
    public static partial void AppliedRemotePage(this ILogger logger, string path, long fence);

    [LoggerMessage(103, LogLevel.Information, "Took {Count} shared pages of build {BuildId} from Redis at startup.")]
    public static partial void ImportedSharedPages(this ILogger logger, int count, string buildId);

    [LoggerMessage(104, LogLevel.Warning, "The change log no longer holds what this host last read; resyncing every shared page of build {BuildId}.")]
    public static partial void ChangeLogGap(this ILogger logger, string buildId);

    [LoggerMessage(105, LogLevel.Information, "Dropped the shared pages of build {BuildId}, older than the last {Keep} builds.")]
    public static partial void OldBuildDropped(this ILogger logger, string buildId, int keep);

    [LoggerMessage(106, LogLevel.Debug, "A newer render of {Path} (fence above {Fence}) was written first; this host's render is discarded.")]
    public static partial void WriteSuperseded(this ILogger logger, string path, long fence);

    [LoggerMessage(107, LogLevel.Warning, "{Path} is {Bytes} bytes, over Isr:Redis:MaxEntryBytes ({MaxBytes}); it stays on this host and the others keep their copy.")]
    public static partial void EntryTooLarge(this ILogger logger, string path, long bytes, int maxBytes);

    [LoggerMessage(108, LogLevel.Debug, "Applied the invalidation of {Target}, made on another host at {At:O}.")]
    public static partial void AppliedRemoteInvalidation(this ILogger logger, string target, DateTimeOffset at);

    [LoggerMessage(109, LogLevel.Warning, "The invalidation log no longer holds what this host last read; took every shared invalidation again.")]
    public static partial void InvalidationLogGap(this ILogger logger);

    [LoggerMessage(110, LogLevel.Warning, "Redis lost its data (epoch {Previous} is gone, now {Current}): restarted without persistence, flushed, or failed over to a replica that lagged. Pages written from now on still reach every host; this host keeps its own pages and takes the shared ones again.")]
    public static partial void RedisDataLost(this ILogger logger, string previous, string current);
}
