using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Diagnostics;

public sealed class MetricsTests : ServingTestBase
{
    [Fact]
    public async Task Requests_AreCountedByCacheResult_AndRegenerationsAreTimed()
    {
        var measurements = new ConcurrentBag<(string Instrument, string? Tag)>();
        var meterFactory = Host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this host's meter: other tests' hosts run in parallel in this process.
                if (instrument.Meter.Name == "IsrBuild" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Add((instrument.Name, Tag(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Add((instrument.Name, Tag(tags))));
        listener.Start();
        Backend.Titles["a"] = "Measured";

        await GetAsync("/blocking/a");
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Task.FromResult(measurements.Count(m => m.Instrument == "isr.regenerations") == 2), "the background regeneration is counted");

        Assert.Contains(("isr.requests", "MISS"), measurements);
        Assert.Contains(("isr.requests", "HIT"), measurements);
        Assert.Contains(("isr.requests", "STALE"), measurements);
        Assert.Contains(("isr.regenerations", "first-request"), measurements);
        Assert.Contains(("isr.regenerations", "stale"), measurements);
        Assert.Contains(measurements, m => m.Instrument == "isr.regeneration.duration");
    }

    [Fact]
    public async Task ABackgroundSetsProgress_ShowsPagesLeftAndPagesDone_ThoseWithTheBytesTheyHadAsUnchanged()
    {
        const string secret = "a-metrics-test-secret-of-at-least-32-characters";
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = secret;
            options.MaxRevalidateNowPages = 1;
        };
        await RestartAsync();
        foreach (var slug in new[] { "a", "b", "c" })
        {
            Backend.Titles[slug] = "Old " + slug;
            await GetAsync($"/blocking/{slug}");
        }

        var left = new ConcurrentQueue<long>();
        var done = new ConcurrentQueue<string?>();
        var meterFactory = Host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "IsrBuild" && ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name.StartsWith("isr.revalidation.pages", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => left.Enqueue(value));
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => done.Enqueue(Tag(tags)));
        listener.Start();
        Clock.Advance(TimeSpan.FromSeconds(1));
        Backend.Titles["a"] = "New a";
        Backend.Titles["b"] = "New b";
        Backend.CloseGate();

        var answer = await Client.RevalidateAsync($"/api/revalidate?secret={secret}&tag=items");
        listener.RecordObservableInstruments();
        var leftWhileBlocked = left.LastOrDefault();
        Backend.OpenGate();
        await Eventually.TrueAsync(
            () =>
            {
                listener.RecordObservableInstruments();
                return done.Count == 3 && left.LastOrDefault() == 0;
            },
            "every page of the set is counted done, and none is left");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.Status);
        Assert.Equal(3, leftWhileBlocked);
        Assert.Equal(["regenerated", "regenerated", "unchanged"], done.Order(StringComparer.Ordinal));
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length > 0 ? tags[0].Value?.ToString() : null;
}
