using System.Globalization;
using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// The invalidation log of a host among several: each invalidation is kept locally first (so it holds here and
/// survives a restart even with Redis down), then in one Redis hash for every host and build, appended to a change
/// log and announced, in one script, so the newest per target wins whichever host wrote last.
/// </summary>
internal sealed class RedisInvalidationLog(
    [FromKeyedServices(RedisInvalidationLog.LocalLogKey)] IIsrInvalidationLog local,
    RedisConnection redis) : IIsrInvalidationLog
{
    /// <summary>The key under which the log <c>AddIsr</c> registered (this host's own) stays reachable.</summary>
    public const string LocalLogKey = "IsrBuild.Redis.LocalInvalidationLog";

    // KEYS: hash, log. ARGV: host, channel, log length, then key, time, mode per invalidation.
    private const string NewestWins =
        """
        for i = 4, #ARGV, 3 do
          local key, at, mode = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
          local current = redis.call('HGET', KEYS[1], key)
          local newer = true
          if current then
            local bar = string.find(current, '|', 1, true)
            local kept, keptMode = tonumber(string.sub(current, 1, bar - 1)), tonumber(string.sub(current, bar + 1))
            newer = at > kept or (at == kept and mode > keptMode)
          end
          if newer then
            redis.call('HSET', KEYS[1], key, at .. '|' .. mode)
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'key', key, 'at', at, 'mode', mode, 'host', ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[1] .. '\n' .. key .. '\n' .. at .. '\n' .. mode)
          end
        end
        return 1
        """;

    /// <summary>
    /// This host's own: the shared ones come in once, through <see cref="RedisInvalidationSynchronizer"/>, which takes
    /// the whole hash as it starts (before the host takes traffic) and keeps each here too.
    /// </summary>
    public Task<IReadOnlyList<Invalidation>> ReadAllAsync(CancellationToken cancellationToken) => local.ReadAllAsync(cancellationToken);

    public async Task<bool> RecordAsync(IReadOnlyList<Invalidation> invalidations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invalidations);
        await local.RecordAsync(invalidations, cancellationToken);
        var keys = redis.Keys;
        RedisValue[] arguments =
        [
            redis.HostId, keys.InvalidationEvents.ToString(), redis.Options.LogLength,
            .. invalidations.SelectMany(i => new RedisValue[] { i.Key, i.At.ToUnixTimeMilliseconds(), (int)i.Mode }),
        ];
        return await redis.TryAsync("invalidation", async database =>
        {
            await database.ScriptEvaluateAsync(NewestWins, [keys.Invalidations, keys.InvalidationLog], arguments);
            redis.Reached();
            return true;
        }, whenDown: false);
    }

    /// <summary>Every invalidation in Redis; none while it is down.</summary>
    public Task<IReadOnlyList<Invalidation>> ReadSharedAsync() => redis.TryAsync<IReadOnlyList<Invalidation>>(
        "invalidation resync",
        async database => [.. (await database.HashGetAllAsync(redis.Keys.Invalidations)).Select(entry => Parse(entry.Name.ToString(), entry.Value.ToString())).OfType<Invalidation>()],
        whenDown: []);

    /// <summary>An invalidation as Redis keeps it (<c>at|mode</c> under its key), or <see langword="null"/> if malformed.</summary>
    public static Invalidation? Parse(string key, string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar > 0
            && long.TryParse(value.AsSpan(0, bar), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            && int.TryParse(value.AsSpan(bar + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mode)
            ? Invalidation.FromKey(key, DateTimeOffset.FromUnixTimeMilliseconds(at), (InvalidationMode)mode)
            : null;
    }
}
