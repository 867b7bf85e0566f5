using IsrBuild.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Redis.Tests.Infrastructure;

/// <summary>
/// Hosts of one site sharing one real Redis: each a real Kestrel listener on 127.0.0.1 with its own content root
/// and cache folder, all reading one backend (so static-props calls are counted across hosts) on one fake clock.
/// </summary>
public abstract class SharedCacheTestBase : IAsyncLifetime
{
    private readonly List<(IsrTestHost Host, TemporaryDirectory ContentRoot)> _hosts = [];

    internal RedisServer Redis { get; private set; } = null!;

    internal TestBackend Backend { get; } = new();

    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => Redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var (host, contentRoot) in _hosts)
        {
            await host.DisposeAsync();
            contentRoot.Dispose();
        }

        Redis.Dispose();
    }

    /// <summary>Starts one more host of the site, joined to the shared cache.</summary>
    /// <param name="buildId">The build the host serves.</param>
    /// <param name="configure">Its Redis options.</param>
    /// <param name="isr">Its ISR options.</param>
    /// <param name="map">The app's own endpoints, such as endpoint pages with <c>WithIsr</c>.</param>
    /// <param name="services">Changes to its services once IsrBuild.Redis is added.</param>
    internal async Task<IsrTestHost> StartHostAsync(string buildId = "test-build", Action<RedisIsrOptions>? configure = null, Action<IsrOptions>? isr = null, Action<Microsoft.AspNetCore.Builder.WebApplication>? map = null, Action<IServiceCollection>? services = null, Action<PublishedStoreWriter>? publish = null)
    {
        var contentRoot = new TemporaryDirectory();
        IsrTestHost host;
        try
        {
            host = await StartSharedHostAsync(Redis, contentRoot.Path, Backend, Clock, buildId, configure, isr, map, services, publish);
        }
        catch
        {
            contentRoot.Dispose();
            throw;
        }

        _hosts.Add((host, contentRoot));
        return host;
    }

    /// <summary>A host of the site in <paramref name="contentRoot"/>, joined to the cache <paramref name="redis"/> holds.</summary>
    internal static Task<IsrTestHost> StartSharedHostAsync(RedisServer redis, string contentRoot, TestBackend backend, FakeTimeProvider clock, string buildId = "test-build", Action<RedisIsrOptions>? configure = null, Action<IsrOptions>? isr = null, Action<Microsoft.AspNetCore.Builder.WebApplication>? map = null, Action<IServiceCollection>? services = null, Action<PublishedStoreWriter>? publish = null) =>
        IsrTestHost.StartAsync(
            contentRoot,
            backend,
            clock,
            options =>
            {
                options.RevalidateSecret = Secret;
                isr?.Invoke(options);
            },
            buildId: buildId,
            publish: publish,
            services: collection =>
            {
                collection.AddIsrRedis(options =>
                {
                    options.Configuration = redis.Configuration;
                    options.CatchUpSeconds = 1;
                    // Generous: the test classes run in parallel on two cores, and a Redis call slower than this is skipped.
                    options.TimeoutMilliseconds = 2000;
                    configure?.Invoke(options);
                });
                services?.Invoke(collection);
            },
            map: map);

    internal const string Secret = "a-shared-cache-secret-of-at-least-32-characters";

    internal static async Task<(HttpResponseMessage Response, string Body)> GetAsync(IsrTestHost host, string path)
    {
        var response = await host.Client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Three hosts, <c>/blocking/a</c> rendered on the first with <paramref name="title"/> and served by every one.</summary>
    internal async Task<IsrTestHost[]> ThreeHostsServingAsync(string title)
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = title;
        await GetAsync(hosts[0], "/blocking/a");
        await EveryHostServesAsync(hosts, "/blocking/a", $"<h1>{title}</h1>");
        return hosts;
    }

    /// <summary>
    /// <paramref name="route"/> + <paramref name="slug"/> (<c>/blocking/a</c> by default) rendered on the first host and
    /// served everywhere, then changed and revalidated on the first host; returns once every host serves the change.
    /// </summary>
    internal async Task RevalidateOnFirstHostAsync(IsrTestHost[] hosts, string route = "/blocking/", string slug = "a")
    {
        var path = route + slug;
        Backend.Titles[slug] = "Before";
        await GetAsync(hosts[0], path);
        await EveryHostServesAsync(hosts, path, "<h1>Before</h1>");

        Backend.Titles[slug] = "After";
        var (status, body) = (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=" + path, Secret)).AsText();

        Assert.True(status == System.Net.HttpStatusCode.OK, body);
        await EveryHostServesAsync(hosts, path, "<h1>After</h1>");
    }

    /// <summary>Waits, bounded, until every host serves a body containing <paramref name="text"/> for <paramref name="path"/>.</summary>
    internal static Task EveryHostServesAsync(IEnumerable<IsrTestHost> hosts, string path, string text) =>
        Eventually.TrueAsync(
            async () =>
            {
                foreach (var host in hosts)
                {
                    if (!(await GetAsync(host, path)).Body.Contains(text, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            },
            $"every host serves {path} with '{text}'");
}
