using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Bench.Micro;

/// <summary>What is installed in the app whose pages without ISR are measured.</summary>
public enum Installed
{
    WithoutIsrBuild,
    IsrBuildNoEndpointPage,
    IsrBuildWithEndpointPage,
}

/// <summary>
/// An app with a minimal API endpoint without ISR (<c>/plain/{id}</c>) beside one that may be an ISR page, with or
/// without IsrBuild (AddIsr, MapIsr, an IsrPage): its pipeline called as Kestrel would call it, without a server.
/// </summary>
internal sealed class PassThroughApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;

    public PassThroughApp(Installed installed)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(PassThroughApp).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        if (installed != Installed.WithoutIsrBuild)
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
        if (installed == Installed.IsrBuildWithEndpointPage)
        {
            page.WithIsr(3600);
        }

        if (installed != Installed.WithoutIsrBuild)
        {
            _app.MapIsr();
        }

        _app.UseEndpoints(_ => { });
        _pipeline = ((IApplicationBuilder)_app).Build();
    }

    /// <summary>One request for <c>/plain/42</c>.</summary>
    public Task PlainAsync()
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/plain/42";
        return _pipeline(context);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
