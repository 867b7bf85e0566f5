using IsrBuild.Publishing;
using IsrBuild.Store;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Infrastructure;

/// <summary>A test with its own content root, backend, fake clock and host.</summary>
public abstract class ServingTestBase : IAsyncLifetime
{
    private IsrTestHost? _host;

    protected string ContentRoot { get; } = Directory.CreateTempSubdirectory("isr-serving-").FullName;

    protected TestBackend Backend { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    internal IsrTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    protected HttpClient Client => Host.Client;

    public virtual async Task InitializeAsync() => _host = await IsrTestHost.StartAsync(ContentRoot, Backend, Clock, Configure, beforeStart: BeforeStart, publish: Publish, buildId: BuildId, services: Services, map: MapApp, mapBeforeIsr: MapBeforeIsr);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        // Stopping the host waited for every render it had started (IsrBuild's shutdown drains them), so nothing
        // writes here any more.
        Directory.Delete(ContentRoot, recursive: true);
    }

    /// <summary>Options a test sets before it restarts the host.</summary>
    protected Action<IsrOptions>? ExtraConfiguration { get; set; }

    /// <summary>Services a test adds to the host (the site's own registrations).</summary>
    protected Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; set; }

    /// <summary>The app's own endpoints (minimal APIs, controllers), mapped beside IsrBuild's.</summary>
    protected Action<Microsoft.AspNetCore.Builder.WebApplication>? MapApp { get; set; }

    /// <summary>Whether <see cref="MapApp"/> runs before <c>MapIsr</c> rather than after it.</summary>
    protected bool MapBeforeIsr { get; set; }

    /// <summary>The build id the next start "publishes" under.</summary>
    protected string BuildId { get; set; } = "test-build";

    /// <summary>What a test does to the content root after "publish" and before the host starts.</summary>
    protected Action? BeforeStart { get; set; }

    /// <summary>What a test's "publish" wrote into the published store besides the route table.</summary>
    internal Action<PublishedStoreWriter>? Publish { get; set; }

    private void Configure(IsrOptions options) => ExtraConfiguration?.Invoke(options);

    protected async Task RestartAsync()
    {
        await Host.DisposeAsync();
        await StartAgainAsync();
    }

    /// <summary>Starts the host after a test stopped it (to change its files in between).</summary>
    protected async Task StartAgainAsync() => _host = await IsrTestHost.StartAsync(ContentRoot, Backend, Clock, Configure, beforeStart: BeforeStart, publish: Publish, buildId: BuildId, services: Services, map: MapApp, mapBeforeIsr: MapBeforeIsr);

    /// <summary>The rows in the host's store of regenerated pages (every build's), read as the sqlite3 command in docs/how-it-works.md does.</summary>
    protected long RegeneratedRows()
    {
        long rows = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ContentRoot, "cache"), PageDatabase.RegeneratedFileName, SearchOption.AllDirectories))
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM pages";
            rows += (long)command.ExecuteScalar()!;
        }

        return rows;
    }

    /// <summary>The Cache-Control header as the server sent it (the typed header reorders directives).</summary>
    protected static string CacheControl(HttpResponseMessage response) =>
        string.Join(", ", response.Headers.NonValidated["Cache-Control"]);

    protected async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        var response = await Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }
}
