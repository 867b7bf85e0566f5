using IsrBuild.Manifest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.DependencyInjection;

public sealed class WiringTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public void MapIsr_WithoutAddIsr_SaysToCallAddIsr()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _contentRoot.Path });
        builder.Logging.ClearProviders();
        using var app = builder.Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapIsr());

        Assert.Contains("AddIsr()", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddIsr_WithoutMapIsr_StopsStartup_SayingToCallMapIsr()
    {
        await using var app = BuildAppWithIsr();
        app.MapGet("/", () => "the site's own page");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("call 'app.MapIsr()' after 'builder.Build()'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapIsr_InsideUseEndpoints_IsFound()
    {
        await using var app = BuildAppWithIsr();
        app.UseRouting();
#pragma warning disable ASP0014 // The older way of mapping endpoints, which sites still have.
        app.UseEndpoints(endpoints => endpoints.MapIsr());
#pragma warning restore ASP0014

        await app.StartAsync();
        await app.StopAsync();
    }

    /// <summary>An app with IsrBuild's services, on a free loopback port, its endpoints not yet mapped.</summary>
    private WebApplication BuildAppWithIsr()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _contentRoot.Path, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddIsr(options => options.CacheDirectory = Path.Combine(_contentRoot.Path, "cache"));
        return builder.Build();
    }

    [Fact]
    public async Task MalformedManifest_StopsStartup_WithAnErrorNamingTheFile()
    {
        var manifest = Path.Combine(_contentRoot.Path, "isr", "isr-manifest.json");

        // A truncated copy, as an interrupted deployment leaves it.
        var exception = await Assert.ThrowsAsync<IsrBuild.Manifest.IsrManifestException>(async () =>
        {
            await using var host = await StartWithManifestAsync(new TestBackend(), "{ \"version\": 1, \"pages\": {");
        });

        Assert.Contains(manifest, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidOptions_StopStartup_NamingTheSetting()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await IsrTestHost.StartAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(), options => options.MemoryCacheBytes = 0);
        });

        Assert.Contains("Isr:MemoryCacheBytes", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task ARegenerationCapBelowOne_StopsStartup_NamingTheSetting(int perSecond)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await IsrTestHost.StartAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(), options => options.MaxRegenerationsPerSecond = perSecond);
        });

        Assert.Contains($"Isr:MaxRegenerationsPerSecond is {perSecond}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Isr:MaxFirstRendersPerSecond is -1", -1, "localhost")]
    [InlineData("Isr:RenderHost must be a host name", 100, "")]
    [InlineData("Isr:RenderHost must be a host name", 100, "https://example.com/")]
    public async Task InvalidFirstRenderCeilingOrRenderHost_StopsStartup_NamingTheSetting(string expected, int perSecond, string renderHost)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await IsrTestHost.StartAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(), options =>
            {
                options.MaxFirstRendersPerSecond = perSecond;
                options.RenderHost = renderHost;
            });
        });

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Isr:DefaultLocale must be one of Isr:Locales", "en,fr", "de", null)]
    [InlineData("Isr:DefaultLocale is set but Isr:Locales is empty", "", "en", null)]
    [InlineData("Isr:Locales holds 'en_US'", "en_US,fr", "fr", null)]
    [InlineData("Isr:Locales lists 'fr' more than once", "en,fr,FR", "en", null)]
    [InlineData("Isr:BasePath must be a path such as /docs", "", null, "docs/")]
    public async Task InvalidLocalesOrBasePath_StopStartup_NamingTheSetting(string expected, string locales, string? defaultLocale, string? basePath)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await IsrTestHost.StartAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(), options =>
            {
                options.Locales = [.. locales.Split(',', StringSplitOptions.RemoveEmptyEntries)];
                options.DefaultLocale = defaultLocale;
                options.BasePath = basePath;
            });
        });

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Isr:EdgePurge:Urls must hold absolute http(s) URL prefixes", "/_purge", "PURGE", 2000)]
    [InlineData("Isr:EdgePurge:Urls must hold absolute http(s) URL prefixes", "ftp://127.0.0.1/_purge", "PURGE", 2000)]
    [InlineData("Isr:EdgePurge:Urls must hold absolute http(s) URL prefixes", "http://127.0.0.1/_purge?key=1", "PURGE", 2000)]
    [InlineData("Isr:EdgePurge:Method must be an HTTP method", "http://127.0.0.1/_purge", "PUR GE", 2000)]
    [InlineData("Isr:EdgePurge:TimeoutMilliseconds is 50", "http://127.0.0.1/_purge", "PURGE", 50)]
    public async Task InvalidEdgePurgeSettings_StopStartup_NamingTheSetting(string expected, string url, string method, int timeoutMilliseconds)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await IsrTestHost.StartAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(), options =>
            {
                options.EdgePurge.Urls = [url];
                options.EdgePurge.Method = method;
                options.EdgePurge.TimeoutMilliseconds = timeoutMilliseconds;
            });
        });

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathBase_IsHonoured_ForPagesAndLocalRedirects()
    {
        var backend = new TestBackend();
        backend.Titles["a"] = "Under a base";
        backend.Redirects["r"] = "/blocking/a";
        await using var host = await IsrTestHost.StartAsync(_contentRoot.Path, backend, new FakeTimeProvider(), pathBase: "/base");

        var page = await host.Client.GetAsync("/base/blocking/a");
        var redirect = await host.Client.GetAsync("/base/blocking/r");

        Assert.Contains("<h1>Under a base</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/base/blocking/a", redirect.Headers.Location!.OriginalString);
    }

    private async Task<IsrTestHost> StartWithManifestAsync(TestBackend backend, string manifest)
    {
        var path = Path.Combine(_contentRoot.Path, "isr", "isr-manifest.json");
        return await IsrTestHost.StartAsync(_contentRoot.Path, backend, new FakeTimeProvider(), beforeStart: () => File.WriteAllText(path, manifest));
    }
}
