using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Bench.Micro;

/// <summary>IsrBuild's services as a site would have them, built but not started (no server, no port).</summary>
internal static class BenchHost
{
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(BenchHost).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddIsr(options =>
        {
            options.AddPage<PostPage>();
            options.CacheDirectory = Path.Combine(Path.GetTempPath(), "isrbuild-bench-cache");
        });
        return builder.Build();
    }
}
