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
    private readonly RedisLogReader _log = new(() => redis.Keys.InvalidationLog);

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
        await redis.TryAsync("invalidation resync", _log.MoveToEndAsync);
        await ApplyAsync(await shared.ReadSharedAsync(), cancellationToken);
    }

    private async Task ReadLogAsync(IDatabase database, CancellationToken stoppingToken)
    {
        if (await _log.HasGapAsync(database))
        {
            logger.InvalidationLogGap();
            await ResyncAsync(stoppingToken);
            return;
        }

        await _log.ReadAsync(database, entries => ApplyAsync(
            [.. entries.Where(e => e["host"] != redis.HostId).Select(e => RedisInvalidationLog.Parse(e["key"].ToString(), e["at"] + "|" + e["mode"]))],
            stoppingToken));
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
