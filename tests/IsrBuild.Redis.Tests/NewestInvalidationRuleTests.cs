using System.Globalization;
using IsrBuild.Coordination;
using IsrBuild.Redis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Redis.Tests;

/// <summary>
/// "The newest invalidation wins" is written three times, because each store must decide it where the data is: in
/// C# (<see cref="Invalidation.Supersedes"/>, the in-memory table every HIT asks), in SQL (the host's own log) and in
/// Lua (the hash every host shares). The three must agree on every order of times and modes, or hosts would disagree
/// about which pages are out of date.
/// </summary>
public sealed class NewestInvalidationRuleTests : SharedCacheTestBase
{
    private static readonly DateTimeOffset Kept = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [RedisFact]
    public async Task TheMemoryTable_TheHostsLog_AndTheSharedHash_KeepTheSameInvalidation_InEveryOrder()
    {
        var host = await StartHostAsync();
        var log = host.Services.GetRequiredService<IIsrInvalidationLog>();
        var local = host.Services.GetRequiredKeyedService<IIsrInvalidationLog>(RedisInvalidationLog.LocalLogKey);
        var redis = host.Services.GetRequiredService<RedisConnection>();
        var table = new Invalidations();
        var cases = new List<(Invalidation Kept, Invalidation Incoming)>();
        foreach (var millisecondsLater in new[] { -1, 0, 1 })
        {
            foreach (var keptMode in Enum.GetValues<InvalidationMode>())
            {
                foreach (var incomingMode in Enum.GetValues<InvalidationMode>())
                {
                    var target = $"agree-{cases.Count}";
                    cases.Add((
                        new Invalidation(InvalidationScope.Tag, target, Kept, keptMode),
                        new Invalidation(InvalidationScope.Tag, target, Kept.AddMilliseconds(millisecondsLater), incomingMode)));
                }
            }
        }

        foreach (var (kept, incoming) in cases)
        {
            table.Apply(kept);
            table.Apply(incoming);
            await log.RecordAsync([kept], CancellationToken.None);
            await log.RecordAsync([incoming], CancellationToken.None);
        }

        var inSql = (await local.ReadAllAsync(CancellationToken.None)).ToDictionary(i => i.Key);
        foreach (var (kept, incoming) in cases)
        {
            var expected = incoming.Supersedes(kept) ? incoming : kept;
            var inMemory = table.All.Single(i => i.Key == kept.Key);
            var inLua = ((string?)await redis.Database.HashGetAsync(redis.Keys.Invalidations, kept.Key))!.Split('|');
            var order = $"kept {kept.Mode} at {kept.At:O}, then {incoming.Mode} at {incoming.At:O}";
            Assert.True((expected.At, expected.Mode) == (inMemory.At, inMemory.Mode), "C# disagrees: " + order);
            Assert.True((expected.At, expected.Mode) == (inSql[kept.Key].At, inSql[kept.Key].Mode), "SQL disagrees: " + order);
            Assert.True(
                (expected.At.ToUnixTimeMilliseconds(), (int)expected.Mode) == (long.Parse(inLua[0], CultureInfo.InvariantCulture), int.Parse(inLua[1], CultureInfo.InvariantCulture)),
                "Lua disagrees: " + order);
        }
    }
}
