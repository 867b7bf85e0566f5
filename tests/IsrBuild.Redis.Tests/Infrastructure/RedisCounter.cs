using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Redis.Tests.Infrastructure;

/// <summary>
/// Counts what hosts record on one of IsrBuild.Redis's counters (<c>isr.redis.errors</c> by default), as a metrics
/// exporter would see it: the hosts of this process, or only <paramref name="hosts"/> (other tests run beside).
/// </summary>
internal sealed class RedisCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public RedisCounter(string instrumentName = "isr.redis.errors", IEnumerable<IsrTestHost>? hosts = null)
    {
        var meters = hosts?.Select(host => host.Services.GetRequiredService<RedisMetrics>().Meter).ToHashSet();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RedisMetrics.MeterName && instrument.Name == instrumentName && (meters is null || meters.Contains(instrument.Meter)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
