using IsrBuild.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace IsrBuild.Redis.Tests;

/// <summary>Following a change log on a real redis-server: every entry once, from where the host was, and a log trimmed past that point seen as a gap.</summary>
public sealed class RedisLogReaderTests : IAsyncLifetime
{
    private static readonly RedisKey Log = "test:log";

    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        _redis.Dispose();
    }

    [RedisFact]
    public async Task EveryEntry_IsReadOnce_FromWhereTheReaderWas()
    {
        var database = _connection.GetDatabase();
        var reader = new RedisLogReader(() => Log);
        await AddAsync(database, 1, 1500);
        var read = new List<string>();

        await reader.ReadAsync(database, entries => Collect(read, entries));
        await AddAsync(database, 1501, 1502);
        await reader.ReadAsync(database, entries => Collect(read, entries));

        Assert.Equal(Enumerable.Range(1, 1502).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), read);
        Assert.False(await reader.HasGapAsync(database));
    }

    [RedisFact]
    public async Task ALogTrimmedPastTheEntryLastRead_IsAGap_AndMovingToTheEnd_ReadsOnlyWhatComesAfter()
    {
        var database = _connection.GetDatabase();
        var reader = new RedisLogReader(() => Log);
        await AddAsync(database, 1, 5);
        await reader.ReadAsync(database, _ => Task.CompletedTask);
        await AddAsync(database, 6, 300);
        await database.StreamTrimAsync(Log, 100);

        var gap = await reader.HasGapAsync(database);
        await reader.MoveToEndAsync(database);
        await AddAsync(database, 301, 301);
        var read = new List<string>();
        await reader.ReadAsync(database, entries => Collect(read, entries));

        Assert.True(gap);
        Assert.Equal(["301"], read);
        Assert.False(await reader.HasGapAsync(database));
    }

    private static async Task AddAsync(IDatabase database, int from, int to)
    {
        for (var n = from; n <= to; n++)
        {
            await database.StreamAddAsync(Log, "n", n);
        }
    }

    private static Task Collect(List<string> read, StreamEntry[] entries)
    {
        read.AddRange(entries.Select(entry => entry["n"].ToString()));
        return Task.CompletedTask;
    }
}
