using IsrBuild.Coordination;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// One regeneration per page across hosts: a lease (<c>SET NX PX</c> with a token, through StackExchange.Redis's
/// lock helpers, which fall back to transactions on Redis 7.0) renewed while the render runs, and a fencing token
/// taken with it (one past the last, and never below the time), which the page write checks. Redis down: the lease is granted locally, so each host
/// keeps regenerating its pages, one render per page per host.
/// </summary>
internal sealed class RedisRegenerationLeases(RedisConnection redis) : IRegenerationLeases
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // KEYS: the path's fence. ARGV: now, in Unix milliseconds. The next fence is one past the last and never below the
    // time: should Redis lose the counter (a restart without persistence, a flush, a failover to a lagging replica),
    // fences taken afterwards still rise above every fence the hosts saw before, so their copies never shadow a newer
    // page. Milliseconds stay exact in Lua's doubles.
    private const string NextFence =
        """
        local fence = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + 1, tonumber(ARGV[1]))
        redis.call('SET', KEYS[1], string.format('%d', fence))
        return fence
        """;

    public async ValueTask<RegenerationLease?> AcquireAsync(string path, bool wait, long? staleFence, CancellationToken cancellationToken) =>
        await redis.TryAsync("lease", _ => TakeAsync(path, wait, staleFence, cancellationToken), whenDown: RegenerationLease.Local);

    private async Task<RegenerationLease?> TakeAsync(string path, bool wait, long? staleFence, CancellationToken cancellationToken)
    {
        var keys = redis.Keys;
        var token = (RedisValue)(redis.HostId + ":" + Guid.NewGuid().ToString("N"));
        var expiry = TimeSpan.FromSeconds(redis.Options.LeaseSeconds);
        var database = redis.Database;
        var started = redis.Clock.GetTimestamp();
        var waited = false;
        while (!await database.LockTakeAsync(keys.Lease(path), token, expiry))
        {
            if (!wait)
            {
                redis.Metrics.LeaseBusy();
                return null;
            }

            waited = true;
            await Task.Delay(PollInterval, redis.Clock, cancellationToken);
        }

        if (waited)
        {
            redis.Metrics.LeaseWaited(redis.Clock.GetElapsedTime(started));
        }

        // The lease may come free just after its holder wrote a newer page than the stale one this host saw,
        // before the message about it arrived: that page is current, and rendering again would be a second render.
        if (staleFence is { } seen && (long?)await database.HashGetAsync(keys.Page(path), "fence") > seen)
        {
            await database.LockReleaseAsync(keys.Lease(path), token);
            return null;
        }

        var fence = (long)await database.ScriptEvaluateAsync(NextFence, [keys.Fence(path)], [redis.Clock.GetUtcNow().ToUnixTimeMilliseconds()]);
        redis.Reached();
        return new RegenerationLease(fence, StartRenewing(database, keys.Lease(path), token, expiry));
    }

    public async ValueTask<string?> HolderAsync(string path, CancellationToken cancellationToken)
    {
        // A token is "<host id>:<lease guid>"; the host id names the machine and process.
        var token = await redis.TryAsync("lease look-up", async database => (string?)await database.StringGetAsync(redis.Keys.Lease(path)), whenDown: null);
        return token is null || token.LastIndexOf(':') is var end && end < 0 ? token : token[..end];
    }

    public async ValueTask<bool> IsBackingOffAsync(string path, CancellationToken cancellationToken) =>
        await redis.TryAsync("back-off", database => database.KeyExistsAsync(redis.Keys.Failing(path)), whenDown: false);

    public async ValueTask BackOffAsync(string path, TimeSpan backoff, CancellationToken cancellationToken) =>
        await redis.TryAsync("back-off", database => database.StringSetAsync(redis.Keys.Failing(path), redis.HostId, backoff));

    /// <summary>Extends the lease every third of its life until released; a render that outlives it loses it to no one.</summary>
    private Func<ValueTask> StartRenewing(IDatabase database, RedisKey key, RedisValue token, TimeSpan expiry)
    {
        var stop = new CancellationTokenSource();
        var renewing = Task.Run(() => redis.TryAsync("lease renewal", async _ =>
        {
            using var timer = new PeriodicTimer(expiry / 3, redis.Clock);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token) && await database.LockExtendAsync(key, token, expiry))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));

        return async () =>
        {
            await stop.CancelAsync();
            await renewing;
            stop.Dispose();
            await redis.TryAsync("lease release", _ => database.LockReleaseAsync(key, token));
        };
    }
}
