using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// Keeps this host's store current with the others': at startup it takes every shared page of its build (newer than
/// its own copies; published pages are never pushed to Redis, so a late host cannot roll anyone back), then applies
/// each change another host announces. Messages can be lost (pub/sub is at most once), so it also reads the change
/// log from where it last was: after a reconnect at once, and every <see cref="RedisIsrOptions.CatchUpSeconds"/>.
/// A log trimmed past that point means a full resync from the index.
/// </summary>
internal sealed class RedisSynchronizer(
    RedisConnection redis,
    RedisPageStore store,
    RedisEpoch epoch,
    RedisPagePropagation propagation,
    ILogger<RedisSynchronizer> logger) : BackgroundService
{
    private readonly CancellationTokenSource _stopping = new();

    // The log entries taken in, by a message or by reading the log, whichever came first: a change is fetched once.
    private readonly ConcurrentDictionary<string, byte> _claimed = new(StringComparer.Ordinal);
    private RedisCatchUp? _catchUp;
    private readonly RedisLogReader _log = new(() => redis.Keys.Log);

    /// <summary>
    /// Before the host takes traffic: subscribe, then take the shared pages (each Redis call bounded by the timeout,
    /// so a Redis that is down delays nothing).
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // IsrBuild's startup service, registered before this one, has opened the store and read the build id.
        await SubscribeAsync(_stopping.Token);
        await RetireOldBuildsAsync();
        await ResyncAsync(_stopping.Token);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await propagation.LeaveAsync();
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        (_catchUp = new RedisCatchUp(redis, "catch-up", ReadLogAsync)).RunAsync(
            () =>
            {
                logger.RedisRestored();
                redis.Reached();
            },
            stoppingToken);

    public override void Dispose()
    {
        _catchUp?.Dispose();
        _stopping.Dispose();
        base.Dispose();
    }

    /// <remarks>
    /// When Redis is down at startup the catch-up timer reads the log until the subscription can be made;
    /// StackExchange.Redis resubscribes by itself after a reconnect.
    /// </remarks>
    private Task<bool> SubscribeAsync(CancellationToken stoppingToken) => redis.TryAsync("subscribe", async _ =>
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.Events);
        queue.OnMessage(async message =>
        {
            var parts = message.Message.ToString().Split('\n', 3);
            if (parts.Length == 3 && parts[1] != redis.HostId && _log.IsAfterLastRead(parts[0]) && _claimed.TryAdd(parts[0], 0)
                && !await ApplyQuietlyAsync(parts[2], stoppingToken))
            {
                // Not taken in after all (Redis failed): reading the log takes it.
                _claimed.TryRemove(new KeyValuePair<string, byte>(parts[0], 0));
            }
        });
    });

    /// <summary>Takes every shared page of this build, and remembers where the log stood before it began.</summary>
    private Task<bool> ResyncAsync(CancellationToken stoppingToken) => redis.TryAsync("resync", async database =>
    {
        await epoch.ChangedAsync(database);
        await propagation.HeartbeatAsync(database);
        await _log.MoveToEndAsync(database);
        var applied = 0;
        foreach (var path in await database.SortedSetRangeByRankAsync(redis.Keys.Index))
        {
            if (await store.ApplyAsync(path.ToString(), stoppingToken))
            {
                applied++;
            }
        }

        _claimed.Clear();
        logger.ImportedSharedPages(applied, redis.Keys.BuildId);
    });

    /// <summary>Applies what other hosts logged since this host last read; a log trimmed past that point means a resync.</summary>
    private async Task ReadLogAsync(IDatabase database, CancellationToken stoppingToken)
    {
        await propagation.HeartbeatAsync(database);
        if (await epoch.ChangedAsync(database))
        {
            // The log and the index were lost with the rest: what is shared now was written after the loss.
            await ResyncAsync(stoppingToken);
            return;
        }

        if (await _log.HasGapAsync(database))
        {
            logger.ChangeLogGap(redis.Keys.BuildId);
            await ResyncAsync(stoppingToken);
            return;
        }

        await _log.ReadAsync(database, async entries =>
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry["host"] != redis.HostId && _claimed.TryAdd(entry.Id.ToString(), 0))
                {
                    paths.Add(entry["path"].ToString());
                }
            }

            foreach (var path in paths)
            {
                await store.ApplyAsync(path, stoppingToken);
            }
        });

        // What the log was read past is done with: a message for it arriving late is ignored.
        foreach (var id in _claimed.Keys.Where(id => !_log.IsAfterLastRead(id)))
        {
            _claimed.TryRemove(id, out _);
        }

        redis.Reached();
    }

    /// <summary>Keeps the newest builds' shared pages for a rollback; deletes older builds' keys.</summary>
    private Task<bool> RetireOldBuildsAsync() => redis.TryAsync("build retention", async database =>
        {
            var keys = redis.Keys;
            await database.SortedSetAddAsync(keys.Builds, keys.BuildId, redis.Clock.GetUtcNow().ToUnixTimeMilliseconds());
            var retired = await database.SortedSetRangeByRankAsync(keys.Builds, 0, -redis.KeepBuilds - 1);
            foreach (var build in retired)
            {
                foreach (var server in redis.Multiplexer.GetServers())
                {
                    await foreach (var key in server.KeysAsync(pattern: keys.BuildPattern(build.ToString()), pageSize: 1000))
                    {
                        await database.KeyDeleteAsync(key, CommandFlags.FireAndForget);
                    }
                }

                await database.SortedSetRemoveAsync(keys.Builds, build);
                logger.OldBuildDropped(build.ToString(), redis.KeepBuilds);
            }
        });

    private Task<bool> ApplyQuietlyAsync(string path, CancellationToken stoppingToken) =>
        redis.TryAsync("apply", _ => store.ApplyAsync(path, stoppingToken));
}
