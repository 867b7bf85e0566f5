using System.Diagnostics.Metrics;

namespace IsrBuild.Redis.Tests.Infrastructure;

/// <summary>Counts what the hosts of this process record on <c>isr.redis.errors</c>, as a metrics exporter would see it.</summary>
internal sealed class RedisErrorCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public RedisErrorCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RedisMetrics.MeterName && instrument.Name == "isr.redis.errors")
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
