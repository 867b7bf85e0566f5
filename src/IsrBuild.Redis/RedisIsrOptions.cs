namespace IsrBuild.Redis;

/// <summary>How hosts share one ISR cache on Redis; bound from the configuration section <c>Isr:Redis</c>.</summary>
public sealed class RedisIsrOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Isr:Redis";

    /// <summary>
    /// The StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>. Required, unless the app registers
    /// an <c>IConnectionMultiplexer</c> of its own, which IsrBuild.Redis then shares (with the app's timeouts: keep them
    /// short, as a page request never waits on Redis but a revalidation does).
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// The prefix of every key and channel; give each site and environment its own (pub/sub ignores Redis database
    /// numbers). Default <c>isr</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "isr";

    /// <summary>
    /// How long a regeneration lease lasts before another host may take it; renewed while the render runs. A host
    /// killed mid-render delays its page by at most this. Default 30; 1 to 3,600.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// The longest a Redis call may take before the host goes on without it (a page request never waits on Redis;
    /// regenerations and revalidations do, this long at most). Default 250 ms; 10 to 10,000.
    /// </summary>
    public int TimeoutMilliseconds { get; set; } = 250;

    /// <summary>
    /// How often a host reads the change log for changes it missed (a lost message, a reconnect). Default 5 s;
    /// 1 to 3,600.
    /// </summary>
    public int CatchUpSeconds { get; set; } = 5;

    /// <summary>Entries the change log keeps (approximately); a host away for longer resyncs from the index. Default 10,000.</summary>
    public int LogLength { get; set; } = 10_000;

    /// <summary>
    /// How long a shared page, a tag set and the build's index live after their last write, so an abandoned build's
    /// keys leave Redis by themselves. A host that starts later than this after a page's last regeneration serves
    /// its published copy until the next one. Default 7 days; 1 hour to 365 days.
    /// </summary>
    public int EntryHours { get; set; } = 7 * 24;

    /// <summary>
    /// The largest page (its three representations together) written to Redis; a larger one stays on the host that
    /// rendered it, logged (event 107), and its revalidation reports it did not reach the others. Default 4 MiB.
    /// </summary>
    public int MaxEntryBytes { get; set; } = 4 << 20;

    /// <summary>
    /// How long an on-demand revalidation waits for the other hosts to take in the pages it wrote before it answers,
    /// so a cache in front purged after the answer cannot refill from a host that had not heard yet. A host that does
    /// not confirm in time is not waited for longer. Default 2,000 ms; 0 (answer at once) to 60,000.
    /// </summary>
    public int PropagationTimeoutMilliseconds { get; set; } = 2000;
}
