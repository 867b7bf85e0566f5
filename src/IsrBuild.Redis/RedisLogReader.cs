using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// Reads one of Redis's change logs (a stream) from where this host last was: the page log and the invalidation log
/// are followed the same way, each by a reader of its own. The position is a string, so the message handler can read
/// it while a catch-up moves it.
/// </summary>
internal sealed class RedisLogReader(Func<RedisKey> log)
{
    private const string Start = "0-0";

    private volatile string _lastId = Start;

    /// <summary>Whether <paramref name="id"/> comes after the entry last read: not read yet.</summary>
    public bool IsAfterLastRead(string id) => StreamIds.IsAfter(id, _lastId);

    /// <summary>Moves to where the log stands now, before a resync: what is logged from here on is read next.</summary>
    public async Task MoveToEndAsync(IDatabase database)
    {
        var last = await database.StreamRangeAsync(log(), "-", "+", count: 1, messageOrder: Order.Descending);
        _lastId = last.Length > 0 ? last[0].Id.ToString() : Start;
    }

    /// <summary>Whether the log was trimmed past the entry last read, so entries this host never saw are gone.</summary>
    public async Task<bool> HasGapAsync(IDatabase database)
    {
        var first = await database.StreamRangeAsync(log(), "-", "+", count: 1);
        return first.Length > 0
            && _lastId != Start
            && StreamIds.IsAfter(first[0].Id, _lastId)
            && (await database.StreamRangeAsync(log(), _lastId, _lastId, count: 1)).Length == 0;
    }

    /// <summary>Hands every entry after the last read to <paramref name="apply"/>, a batch at a time, moving past each batch.</summary>
    public async Task ReadAsync(IDatabase database, Func<StreamEntry[], Task> apply)
    {
        while (true)
        {
            var entries = await database.StreamRangeAsync(log(), "(" + _lastId, "+", count: 1000);
            if (entries.Length == 0)
            {
                return;
            }

            await apply(entries);
            _lastId = entries[^1].Id.ToString();
        }
    }
}
