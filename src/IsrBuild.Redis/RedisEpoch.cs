using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// Tells this host when Redis lost its data: Redis holds a random epoch id, set by the first host to find none, so a
/// restart without persistence, a flush or a failover to an empty replica shows as a new id. Fences rise with the time
/// (<see cref="RedisRegenerationLeases"/>), so writes stay ordered across the loss; this says that it happened.
/// </summary>
internal sealed class RedisEpoch(RedisConnection redis, ILogger<RedisEpoch> logger)
{
    private const string Current =
        """
        redis.call('SET', KEYS[1], ARGV[1], 'NX')
        return redis.call('GET', KEYS[1])
        """;

    private string? _known;

    /// <summary>Reads the epoch (setting one when Redis has none); <see langword="true"/> when it changed since the last read.</summary>
    public async Task<bool> ChangedAsync(IDatabase database)
    {
        var current = (string?)await database.ScriptEvaluateAsync(Current, [redis.Keys.Epoch], [Guid.NewGuid().ToString("N")]);
        var previous = Interlocked.Exchange(ref _known, current);
        if (previous is null || current is null || previous == current)
        {
            return false;
        }

        logger.RedisDataLost(previous, current);
        redis.Metrics.DataLost();
        return true;
    }
}
