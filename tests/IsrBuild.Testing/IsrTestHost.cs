using System.Net;
using IsrBuild.Manifest;
using IsrBuild.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Testing;

/// <summary>
/// The test pages served by a real Kestrel listener on 127.0.0.1 (a free port) in this process, with a fake clock
/// and a content root of the test's own: a template and a manifest that gives each test route its fallback mode.
/// </summary>
internal sealed class IsrTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IsrTestHost(WebApplication app, HttpClient client, TestLog log)
    {
        _app = app;
        Client = client;
        Log = log;
    }

    // RazorLight compiles templates against the site assembly's dependency context (its deps.json): a test project has
    // one (PreserveCompilationContext), this library does not. Each test project runs in a process of its own, so the
    // one test assembly loaded plays the site.
    private static readonly string SiteAssembly = AppDomain.CurrentDomain.GetAssemblies()
        .Select(assembly => assembly.GetName().Name!)
        .Single(name => name.StartsWith("IsrBuild.", StringComparison.Ordinal) && name.EndsWith(".Tests", StringComparison.Ordinal));

    /// <summary>A path the site answers itself, outside IsrBuild, as its static files would be.</summary>
    public const string SiteEndpoint = "/data.txt";

    public HttpClient Client { get; }

    /// <summary>What the host logged.</summary>
    public TestLog Log { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IsrTestHost> StartAsync(
        string contentRoot,
        TestBackend backend,
        FakeTimeProvider clock,
        Action<IsrOptions>? configure = null,
        string? pathBase = null,
        Action? beforeStart = null,
        Action<PublishedStoreWriter>? publish = null,
        string buildId = "test-build",
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        bool mapBeforeIsr = false)
    {
        WriteSite(contentRoot, buildId, clock.GetUtcNow(), publish);
        beforeStart?.Invoke();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot,
            ApplicationName = SiteAssembly,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        var log = new TestLog();
        builder.Logging.AddProvider(log);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(backend);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddIsr(options =>
        {
            options.AddPage<BlockingItemPage>().AddPage<NotFoundItemPage>().AddPage<BackgroundItemPage>().AddPage<HomeItemPage>().AddPage<CustomCacheControlItemPage>().AddPage<NumberedItemPage>();
            options.CacheDirectory = Path.Combine(contentRoot, "cache");
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }

        // The site's own middleware: asked to, it sets a Cache-Control of its own, which IsrBuild must keep.
        app.Use((context, next) =>
        {
            if (context.Request.Query.ContainsKey("app-cache-control"))
            {
                context.Response.Headers.CacheControl = "public, max-age=5";
            }

            return next(context);
        });

        try
        {
            app.MapGet(SiteEndpoint, () => "the site's own answer");

            // The app's own endpoints, mapped before or after MapIsr: either order must work.
            if (mapBeforeIsr)
            {
                map?.Invoke(app);
            }

            app.MapIsr();
            if (!mapBeforeIsr)
            {
                map?.Invoke(app);
            }

            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(address),
        };
        return new IsrTestHost(app, client, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void WriteSite(string contentRoot, string buildId, DateTimeOffset publishedAt, Action<PublishedStoreWriter>? publish)
    {
        Directory.CreateDirectory(Path.Combine(contentRoot, "IsrTemplates"));
        File.WriteAllText(
            Path.Combine(contentRoot, "IsrTemplates", "Item.cshtml"),
            "@model IsrBuild.Testing.ItemModel\n<!DOCTYPE html><html><body><h1>@Model.Title</h1><p>@Model.Slug</p></body></html>\n");
        File.WriteAllText(
            Path.Combine(contentRoot, "IsrTemplates", "Fallback.cshtml"),
            "@model IsrBuild.FallbackModel\n<!DOCTYPE html><html><body><p>Loading @Model.Path [@(Model.Locale ?? \"no locale\")]</p></body></html>\n");
        using var store = new PublishedStoreWriter(Path.Combine(contentRoot, IsrManifest.FolderName), buildId, publishedAt);
        store.AddRoute("/blocking/{slug}", nameof(BlockingItemPage), "Item.cshtml", FallbackMode.Blocking);
        store.AddRoute("/false/{slug}", nameof(NotFoundItemPage), "Item.cshtml", FallbackMode.NotFound);
        store.AddRoute("/background/{slug}", nameof(BackgroundItemPage), "Item.cshtml", FallbackMode.Background);
        store.AddRoute("/", nameof(HomeItemPage), "Item.cshtml", FallbackMode.Blocking);
        store.AddRoute("/custom/{slug}", nameof(CustomCacheControlItemPage), "Item.cshtml", FallbackMode.Blocking);
        store.AddRoute("/numbered/{id:long}", nameof(NumberedItemPage), "Item.cshtml", FallbackMode.Blocking);
        publish?.Invoke(store);
        store.Complete();
    }
}
