using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// Reads a change log from where this host last was, one read at a time: after every reconnect and every
/// <see cref="RedisIsrOptions.CatchUpSeconds"/>, as pub/sub drops what is announced while a host is away.
/// </summary>
internal sealed class RedisCatchUp(RedisConnection redis, string operation, Func<IDatabase, CancellationToken, Task> readLog) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);

    /// <summary>Catches up until <paramref name="stoppingToken"/> fires; <paramref name="restored"/> runs first on each reconnect.</summary>
    public async Task RunAsync(Action? restored, CancellationToken stoppingToken)
    {
        redis.Multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored?.Invoke();
                _ = Task.Run(() => ReadAsync(stoppingToken), CancellationToken.None);
            }
        };

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(redis.Options.CatchUpSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the log now, unless a read is already under way.</summary>
    public async Task ReadAsync(CancellationToken stoppingToken)
    {
        if (!await _reading.WaitAsync(0, stoppingToken))
        {
            return;
        }

        try
        {
            await redis.TryAsync(operation, database => readLog(database, stoppingToken));
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();
}
