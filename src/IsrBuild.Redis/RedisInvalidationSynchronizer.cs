using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// Brings the invalidations other hosts make to this one: each is announced (applied here within a message's
/// latency), and kept in a change log read from where this host last was, after a reconnect and every
/// <see cref="RedisIsrOptions.CatchUpSeconds"/>, since pub/sub drops messages while a host is away. A log trimmed
/// past that point means taking the whole hash again. What arrives is kept in this host's own log too.
/// </summary>
internal sealed class RedisInvalidationSynchronizer(
    RedisConnection redis,
    RedisInvalidationLog shared,
    [FromKeyedServices(RedisInvalidationLog.LocalLogKey)] IIsrInvalidationLog local,
    Invalidations invalidations,
    ILogger<RedisInvalidationSynchronizer> logger) : BackgroundService
{
    private RedisCatchUp? _catchUp;
    private RedisValue _lastId = "0-0";

    /// <summary>Subscribes, then notes where the log stands and takes the whole hash, so nothing made meanwhile is missed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.TryAsync("invalidation subscribe", async _ =>
        {
            var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.InvalidationEvents);
            queue.OnMessage(message =>
            {
                var parts = message.Message.ToString().Split('\n');
                if (parts.Length == 4 && parts[0] != redis.HostId)
                {
                    return ApplyAsync([RedisInvalidationLog.Parse(parts[1], parts[2] + "|" + parts[3])], CancellationToken.None);
                }

                return Task.CompletedTask;
            });
        });
        await ResyncAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        (_catchUp = new RedisCatchUp(redis, "invalidation catch-up", ReadLogAsync)).RunAsync(restored: null, stoppingToken);

    public override void Dispose()
    {
        _catchUp?.Dispose();
        base.Dispose();
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        await redis.TryAsync("invalidation resync", async database =>
        {
            var last = await database.StreamRangeAsync(redis.Keys.InvalidationLog, "-", "+", count: 1, messageOrder: Order.Descending);
            _lastId = last.Length > 0 ? last[0].Id : "0-0";
        });
        await ApplyAsync(await shared.ReadSharedAsync(), cancellationToken);
    }

    private async Task ReadLogAsync(IDatabase database, CancellationToken stoppingToken)
    {
        var log = redis.Keys.InvalidationLog;
        var first = await database.StreamRangeAsync(log, "-", "+", count: 1);
        if (first.Length > 0 && _lastId != "0-0" && StreamIds.IsAfter(first[0].Id, _lastId)
            && (await database.StreamRangeAsync(log, _lastId, _lastId, count: 1)).Length == 0)
        {
            logger.InvalidationLogGap();
            await ResyncAsync(stoppingToken);
            return;
        }

        while (true)
        {
            var entries = await database.StreamRangeAsync(log, "(" + _lastId, "+", count: 1000);
            if (entries.Length == 0)
            {
                break;
            }

            await ApplyAsync(
                [.. entries.Where(e => e["host"] != redis.HostId).Select(e => RedisInvalidationLog.Parse(e["key"].ToString(), e["at"] + "|" + e["mode"]))],
                stoppingToken);
            _lastId = entries[^1].Id;
        }

        redis.Reached();
    }

    /// <summary>Takes in the invalidations this host did not have, and keeps them in its own log.</summary>
    private async Task ApplyAsync(IEnumerable<Invalidation?> received, CancellationToken cancellationToken)
    {
        List<Invalidation> applied = [.. received.OfType<Invalidation>().Where(invalidations.Apply)];
        foreach (var invalidation in applied)
        {
            logger.AppliedRemoteInvalidation(invalidation.Display, invalidation.At);
        }

        if (applied.Count > 0)
        {
            await local.RecordAsync(applied, cancellationToken);
        }
    }
}
