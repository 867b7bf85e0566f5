using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Bench.Micro;

/// <summary>
/// A request for an endpoint without ISR, through routing and the endpoint, in an app without IsrBuild and in the same
/// app with IsrBuild (AddIsr, MapIsr, an IsrPage and an endpoint page beside it): what IsrBuild adds to the pages a
/// site did not make ISR pages. The pipeline is called as Kestrel would call it, without a server.
/// </summary>
[MemoryDiagnoser]
public class PassThroughBenchmarks
{
    private WebApplication _app = null!;
    private RequestDelegate _pipeline = null!;

    public enum Installed { WithoutIsrBuild, IsrBuildNoEndpointPage, IsrBuildWithEndpointPage }

    [Params(Installed.WithoutIsrBuild, Installed.IsrBuildNoEndpointPage, Installed.IsrBuildWithEndpointPage)]
    public Installed Mode { get; set; }

    private bool WithIsrBuild => Mode != Installed.WithoutIsrBuild;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(PassThroughBenchmarks).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        if (WithIsrBuild)
        {
            builder.Services.AddIsr(options =>
            {
                options.AddPage<PostPage>();
                options.CacheDirectory = Path.Combine(Path.GetTempPath(), "isrbuild-bench-cache");
            });
        }

        _app = builder.Build();
        _app.UseRouting();
        _app.MapGet("/plain/{id:long}", (long id) => Results.Text("plain"));
        var page = _app.MapGet("/endpoint/{id:long}", (long id) => Results.Text("page"));
        if (WithIsrBuild)
        {
            if (Mode == Installed.IsrBuildWithEndpointPage)
            {
                page.WithIsr(3600);
            }
            _app.MapIsr();
        }

        _app.UseEndpoints(_ => { });
        _pipeline = ((IApplicationBuilder)_app).Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task Plain()
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/plain/42";
        return _pipeline(context);
    }
}
