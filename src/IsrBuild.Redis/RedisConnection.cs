using IsrBuild.Manifest;
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
    private readonly PublishedBuild _build;
    private readonly RedisIsrOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private int _unreachable;

    public RedisConnection(IOptions<RedisIsrOptions> options, IOptions<IsrOptions> isrOptions, PublishedBuild build, RedisMetrics metrics, ILogger<RedisConnection> logger)
    {
        Metrics = metrics;
        _options = options.Value;
        KeepBuilds = isrOptions.Value.KeepBuilds;
        _build = build;
        _logger = logger;
        HostId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        _multiplexer = new Lazy<IConnectionMultiplexer>(Connect);
    }

    /// <summary>This process among the hosts: messages it sent are not applied again.</summary>
    public string HostId { get; }

    public RedisIsrOptions Options => _options;

    public RedisMetrics Metrics { get; }

    /// <summary>How many builds keep their shared pages (<see cref="IsrOptions.KeepBuilds"/>, as for the cache folder).</summary>
    public int KeepBuilds { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>The keys of the build this host serves (known once the manifest is read at startup).</summary>
    public RedisKeys Keys => new(_options.KeyPrefix, _build.BuildId);

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(_options.TimeoutMilliseconds);

    /// <summary>Logs an outage once, not once per call, until <see cref="Reached"/> says Redis answered again.</summary>
    public void Failed(string operation, Exception exception)
    {
        Metrics.Error(operation);
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            _logger.RedisUnreachable(operation, exception);
        }
    }

    public void Reached()
    {
        Metrics.Reached();
        Interlocked.Exchange(ref _unreachable, 0);
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
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
