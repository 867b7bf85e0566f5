using IsrBuild.Coordination;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// Which hosts hold which version of a shared page: every host keeps itself in the build's set of live hosts (a
/// heartbeat each catch-up), and marks a page's hash with the fence it took in (<see cref="MarkHeldAsync"/>). An
/// on-demand revalidation waits, at most <see cref="RedisIsrOptions.PropagationTimeoutMilliseconds"/>, until every
/// other live host has marked the fence it wrote.
/// </summary>
internal sealed class RedisPagePropagation(RedisConnection redis) : IPagePropagation
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    // KEYS: the page's hash. ARGV: the field, the fence. Only while the hash holds that version or an older one: a
    // mark must never bring back a hash that expired, nor stand for a newer version than the one taken in.
    private const string Mark =
        """
        local stored = tonumber(redis.call('HGET', KEYS[1], 'fence') or '-1')
        if stored < 0 or stored > tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    public async ValueTask<bool> WaitAsync(string path, long fence, CancellationToken cancellationToken)
    {
        var deadline = redis.Clock.GetTimestamp() + (long)(redis.Options.PropagationTimeoutMilliseconds / 1000.0 * System.Diagnostics.Stopwatch.Frequency);
        var others = await redis.TryAsync("live hosts", async database => await OtherLiveHostsAsync(database), whenDown: []);
        if (others.Length == 0)
        {
            return true;
        }

        RedisValue[] fields = [.. others.Select(Field), "fence"];
        while (true)
        {
            var held = await redis.TryAsync<RedisValue[]?>("propagation", async database => await database.HashGetAsync(redis.Keys.Page(path), fields), whenDown: null);
            if (held is null)
            {
                return false;
            }

            // A newer version replaced this one: whoever wrote it waits for its own.
            if ((long?)held[^1] is not { } current || current > fence || held[..^1].All(value => (long?)value >= fence))
            {
                return true;
            }

            if (redis.Clock.GetTimestamp() >= deadline)
            {
                redis.Metrics.PropagationTimedOut();
                return false;
            }

            await Task.Delay(PollInterval, redis.Clock, cancellationToken);
        }
    }

    /// <summary>Says this host holds <paramref name="path"/> at <paramref name="fence"/> (taken in, or its own copy as new).</summary>
    public Task MarkHeldAsync(IDatabase database, string path, long fence) =>
        database.ScriptEvaluateAsync(Mark, [redis.Keys.Page(path)], [Field(redis.HostId), fence]);

    /// <summary>Keeps this host among the live ones, and lets go of hosts silent for three catch-ups.</summary>
    public async Task HeartbeatAsync(IDatabase database)
    {
        var now = redis.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await database.SortedSetAddAsync(redis.Keys.Hosts, redis.HostId, now);
        await database.SortedSetRemoveRangeByScoreAsync(redis.Keys.Hosts, double.NegativeInfinity, now - SilenceMilliseconds);
        await database.KeyExpireAsync(redis.Keys.Hosts, TimeSpan.FromHours(redis.Options.EntryHours));
    }

    /// <summary>Leaves the live hosts: a host that stops is waited for no more.</summary>
    public Task LeaveAsync() => redis.TryAsync("leave", database => database.SortedSetRemoveAsync(redis.Keys.Hosts, redis.HostId));

    private long SilenceMilliseconds => 3_000L * redis.Options.CatchUpSeconds;

    private async Task<string[]> OtherLiveHostsAsync(IDatabase database)
    {
        var since = redis.Clock.GetUtcNow().ToUnixTimeMilliseconds() - SilenceMilliseconds;
        var hosts = await database.SortedSetRangeByScoreAsync(redis.Keys.Hosts, since, double.PositiveInfinity);
        return [.. hosts.Select(host => host.ToString()).Where(host => host != redis.HostId)];
    }

    private static RedisValue Field(string hostId) => "held:" + hostId;
}
