using IsrBuild.Coordination;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// The keys one build uses, all under <c>&lt;prefix&gt;:&lt;build id&gt;:</c>, so two builds sharing one Redis during a
/// rolling deploy never read each other's pages, and a rollback finds its own.
/// </summary>
internal sealed class RedisKeys(string prefix, string buildId)
{
    private readonly string _build = $"{prefix}:{buildId}:";
    private readonly string _shared = $"{prefix}:";

    public string BuildId { get; } = buildId;

    /// <summary>
    /// A random id set when Redis holds none: a new one means Redis lost its data (a restart without persistence, a
    /// flush, a failover to an empty replica).
    /// </summary>
    public RedisKey Epoch { get; } = $"{prefix}:epoch";

    /// <summary>All builds that used this Redis, scored by when one last started.</summary>
    public RedisKey Builds { get; } = $"{prefix}:builds";

    /// <summary>A pattern matching every key of <paramref name="buildId"/>.</summary>
    public string BuildPattern(string buildId) => $"{prefix}:{buildId}:*";

    /// <summary>The page's state: a hash of its metadata, bodies and fence.</summary>
    public RedisKey Page(string path) => _build + "page:" + path;

    public RedisKey Lease(string path) => _build + "lease:" + path;

    public RedisKey Fence(string path) => _build + "fence:" + path;

    public RedisKey Failing(string path) => _build + "fail:" + path;

    /// <summary>The hosts serving this build, scored by their last heartbeat.</summary>
    public RedisKey Hosts => _build + "hosts";

    /// <summary>Every page written to Redis, scored by its fence: what a starting host imports.</summary>
    public RedisKey Index => _build + "index";

    /// <summary>The change log (a stream of path and host), read to catch up on missed messages.</summary>
    public RedisKey Log => _build + "log";

    /// <summary>The paths of shared pages carrying a tag.</summary>
    public string TagPrefix => _build + "tag:";

    public RedisChannel Events => RedisChannel.Literal(_build + "events");

    /// <summary>The newest invalidation per target (<c>at|mode</c> by key), for every build: tags describe data, not builds.</summary>
    public RedisKey Invalidations => _shared + "invalidations";

    /// <summary>The invalidations' change log (a stream of key, time, mode and host), read to catch up on missed messages.</summary>
    public RedisKey InvalidationLog => _shared + "invalidations:log";

    public RedisChannel InvalidationEvents => RedisChannel.Literal(_shared + "invalidations:events");
}
