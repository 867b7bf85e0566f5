using System.Diagnostics.Metrics;

namespace IsrBuild.Redis;

/// <summary>
/// What to watch when several hosts share a cache, on the meter <c>IsrBuild.Redis</c>: Redis errors by operation,
/// whether Redis is reachable, leases lost to another host, how long on-demand calls waited for a lease, and how
/// long a change took to reach this host (fan-out lag).
/// </summary>
internal sealed class RedisMetrics
{
    public const string MeterName = "IsrBuild.Redis";

    private readonly Counter<long> _errors;
    private readonly Counter<long> _leasesBusy;
    private readonly Histogram<double> _leaseWait;
    private readonly Histogram<double> _fanOutLag;
    private readonly Counter<long> _dataLosses;
    private readonly Counter<long> _propagationTimeouts;
    private readonly Counter<long> _pagesFetched;
    private int _reachable = 1;

    public RedisMetrics(IMeterFactory meterFactory)
    {
        var meter = Meter = meterFactory.Create(MeterName);
        _errors = meter.CreateCounter<long>("isr.redis.errors", "{error}", "Redis calls that failed or timed out, by operation; the host went on without Redis.");
        _leasesBusy = meter.CreateCounter<long>("isr.redis.lease.busy", "{lease}", "Stale pages left to the host holding their lease.");
        _leaseWait = meter.CreateHistogram<double>("isr.redis.lease.wait", "s", "How long an on-demand revalidation waited for a lease another host held.");
        _fanOutLag = meter.CreateHistogram<double>("isr.redis.fanout.lag", "s", "From a page's write on another host to this host applying it.");
        _dataLosses = meter.CreateCounter<long>("isr.redis.data_losses", "{loss}", "Times this host found that Redis had lost its data (its epoch changed).");
        _pagesFetched = meter.CreateCounter<long>("isr.redis.pages.fetched", "{page}", "Shared pages this host read from Redis (their bodies), to take in a change another host made or at a resync.");
        _propagationTimeouts = meter.CreateCounter<long>("isr.redis.propagation.timeouts", "{revalidation}", "On-demand revalidations that answered before every other host confirmed the page (Isr:Redis:PropagationTimeoutMilliseconds).");
        meter.CreateObservableGauge("isr.redis.reachable", () => Volatile.Read(ref _reachable), "{state}", "1 while Redis answers, 0 during an outage.");
    }

    /// <summary>This host's meter: one per host, however many hosts a process runs.</summary>
    internal Meter Meter { get; }

    public void Error(string operation)
    {
        Volatile.Write(ref _reachable, 0);
        _errors.Add(1, new KeyValuePair<string, object?>("isr.redis.operation", operation));
    }

    public void Reached() => Volatile.Write(ref _reachable, 1);

    public void LeaseBusy() => _leasesBusy.Add(1);

    public void LeaseWaited(TimeSpan waited) => _leaseWait.Record(waited.TotalSeconds);

    public void Applied(TimeSpan lag) => _fanOutLag.Record(Math.Max(0, lag.TotalSeconds));

    public void DataLost() => _dataLosses.Add(1);

    public void PropagationTimedOut() => _propagationTimeouts.Add(1);

    public void PageFetched() => _pagesFetched.Add(1);
}
