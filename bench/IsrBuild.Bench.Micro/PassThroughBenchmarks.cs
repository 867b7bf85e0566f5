using BenchmarkDotNet.Attributes;

namespace IsrBuild.Bench.Micro;

/// <summary>
/// A request for an endpoint without ISR, through routing and the endpoint, in an app without IsrBuild and in the same
/// app with IsrBuild (<see cref="PassThroughApp"/>): what IsrBuild adds to the pages a site did not make ISR pages.
/// Each case runs in a process of its own; <see cref="PassThroughAlternation"/> compares them within one process.
/// </summary>
[MemoryDiagnoser]
public class PassThroughBenchmarks : IDisposable
{
    private PassThroughApp _app = null!;

    [Params(Installed.WithoutIsrBuild, Installed.IsrBuildNoEndpointPage, Installed.IsrBuildWithEndpointPage)]
    public Installed Mode { get; set; }

    [GlobalSetup]
    public void Setup() => _app = new PassThroughApp(Mode);

    [GlobalCleanup]
    public void Dispose()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public Task Plain() => _app.PlainAsync();
}
