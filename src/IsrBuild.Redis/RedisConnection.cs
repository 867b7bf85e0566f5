using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// The one multiplexer the host shares, connected in the background (a host starts and serves without Redis) and
/// failing fast while disconnected, so no caller waits on a Redis that is down; plus this build's keys.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer> _multiplexer;
    private readonly bool _ownsMultiplexer;
    private readonly IIsrPageStore _local;
    private readonly RedisIsrOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private int _unreachable;

    public RedisConnection(
        IOptions<RedisIsrOptions> options,
        IOptions<IsrOptions> isrOptions,
        [FromKeyedServices(RedisPageStore.LocalStoreKey)] IIsrPageStore local,
        RedisMetrics metrics,
        IServiceProvider services,
        ILogger<RedisConnection> logger)
    {
        Metrics = metrics;
        _options = options.Value;
        KeepBuilds = isrOptions.Value.KeepBuilds;
        _local = local;
        _logger = logger;
        HostId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        // The app's own multiplexer when it registered one (StackExchange.Redis wants one per process); else ours.
        var registered = services.GetService<IConnectionMultiplexer>();
        _ownsMultiplexer = registered is null;
        _multiplexer = registered is null ? new Lazy<IConnectionMultiplexer>(Connect) : new Lazy<IConnectionMultiplexer>(registered);
    }

    /// <summary>This process among the hosts: messages it sent are not applied again.</summary>
    public string HostId { get; }

    public RedisIsrOptions Options => _options;

    public RedisMetrics Metrics { get; }

    /// <summary>
    /// The clock of everything Redis times: lease expiry, renewal and polling, and which build started last. Redis
    /// counts those in real time, so they do too, whatever clock the app gives IsrBuild for its pages' ages.
    /// </summary>
    public TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>How many builds keep their shared pages (<see cref="IsrOptions.KeepBuilds"/>, as for the cache folder).</summary>
    public int KeepBuilds { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>The keys of the build this host serves (known once the manifest is read at startup).</summary>
    public RedisKeys Keys => new(_options.KeyPrefix, _local.BuildId);

    /// <summary>Logs an outage once, not once per call, until <see cref="Reached"/> says Redis answered again.</summary>
    public void Failed(string operation, Exception exception)
    {
        Metrics.Error(operation);
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            _logger.RedisUnreachable(operation, exception);
        }
    }

    /// <summary>
    /// Runs one call to Redis. An outage (a Redis or timeout error) never reaches the caller: it is reported through
    /// <see cref="Failed"/> and answered with <paramref name="whenDown"/>, so nothing a host serves waits on Redis.
    /// </summary>
    public async Task<T> TryAsync<T>(string operation, Func<IDatabase, Task<T>> call, T whenDown)
    {
        try
        {
            return await call(Database);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Failed(operation, exception);
            return whenDown;
        }
    }

    /// <summary>As <see cref="TryAsync{T}"/>, for a call without an answer; returns whether it went through.</summary>
    public Task<bool> TryAsync(string operation, Func<IDatabase, Task> call) =>
        TryAsync(operation, async database =>
        {
            await call(database);
            return true;
        }, whenDown: false);

    public void Reached()
    {
        Metrics.Reached();
        Interlocked.Exchange(ref _unreachable, 0);
    }

    public void Dispose()
    {
        if (_ownsMultiplexer && _multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private ConnectionMultiplexer Connect()
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Max(_options.TimeoutMilliseconds, 1000);
        configuration.SyncTimeout = _options.TimeoutMilliseconds;
        configuration.AsyncTimeout = _options.TimeoutMilliseconds;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return ConnectionMultiplexer.Connect(configuration);
    }
}
