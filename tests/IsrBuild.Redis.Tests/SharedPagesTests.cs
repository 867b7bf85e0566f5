using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Redis.Tests.Infrastructure;
using IsrBuild.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Redis.Tests;

/// <summary>Pages regenerated on any host are what every host serves; revalidation reaches every host.</summary>
public sealed class SharedPagesTests : SharedCacheTestBase
{
    [RedisFact]
    public async Task StalePage_RequestedOnThreeHosts_IsRegeneratedOnce_AndEveryHostServesTheNewPage()
    {
        var hosts = await ThreeHostsServingAsync("First");
        var callsBefore = Backend.Calls("a");

        Backend.Titles["a"] = "Second";
        Clock.Advance(TimeSpan.FromSeconds(11));
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => GetAsync(hosts[i % 3], "/blocking/a")));

        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.Response.StatusCode));
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Second</h1>");
        Assert.Equal(callsBefore + 1, Backend.Calls("a"));
    }

    [RedisFact]
    public async Task OnDemandRevalidation_OnOneHost_ReachesEveryHostsMemory()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        await RevalidateOnFirstHostAsync(hosts);
        var (other, _) = await GetAsync(hosts[1], "/blocking/a");
        Assert.Equal("HIT", CacheState(other));
    }

    [RedisFact]
    public async Task OnDemandRevalidation_AnswersOnceEveryOtherHostServesTheNewPage_EvenOneSlowToTakeItIn()
    {
        // Host B writes to its own store slowly (a busy disk): a revalidation on A must not answer before B has it.
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(services: SlowLocalWrites), await StartHostAsync() };
        Backend.Titles["a"] = "Before";
        await GetAsync(hosts[0], "/blocking/a");
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Before</h1>");

        for (var round = 1; round <= 3; round++)
        {
            Backend.Titles["a"] = $"After {round}";
            var (status, body) = (await hosts[round == 2 ? 2 : 0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).AsText();

            // No waiting here: the answer itself means every host has it.
            Assert.True(status == System.Net.HttpStatusCode.OK, body);
            foreach (var host in hosts)
            {
                Assert.Contains($"<h1>After {round}</h1>", (await GetAsync(host, "/blocking/a")).Body, StringComparison.Ordinal);
            }
        }
    }

    [RedisFact]
    public async Task AChangeOnOneHost_CostsEachOtherHostOneReadOfItsBodies()
    {
        var hosts = await ThreeHostsServingAsync("Before");
        using var fetched = new RedisCounter("isr.redis.pages.fetched", hosts);

        Backend.Titles["a"] = "After";
        var (status, body) = (await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret)).AsText();

        Assert.True(status == System.Net.HttpStatusCode.OK, body);
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>After</h1>");

        // Three catch-ups (one a second here) read the change log past the change on every host.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(2, fetched.Count);
    }

    [RedisFact]
    public async Task APageRegeneratedWithTheBytesItHad_IsFreshOnEveryHost_AndNoHostReadsItsBodies()
    {
        var hosts = await ThreeHostsServingAsync("Same");
        using var fetched = new RedisCounter("isr.redis.pages.fetched", hosts);
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (status, json) = await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret);
        var states = new List<string?>();
        foreach (var host in hosts)
        {
            states.Add(CacheState((await GetAsync(host, "/blocking/a")).Response));
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("results")[0].GetProperty("unchanged").GetBoolean());
        Assert.Equal(["HIT", "HIT", "HIT"], states);

        // Three catch-ups (one a second here) read the change log past the refresh on every host.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(0, fetched.Count);
    }

    [RedisFact]
    public async Task APublishedPageRegeneratedWithTheBytesItHad_IsFreshOnEveryHost_AndNoHostReadsItsBodies()
    {
        // The bytes the page renders today, published as a build every host serves.
        var probe = await StartHostAsync(buildId: "probe");
        Backend.Titles["a"] = "Published";
        var html = await probe.Client.GetByteArrayAsync("/blocking/a");
        void Publish(IsrBuild.Publishing.PublishedStoreWriter store) => store.Add(
            "/blocking/a", "/blocking/{slug}", new IsrBuild.Generation.GenerationResult.Rendered(IsrBuild.Generation.PageEncoder.Encode(html), Revalidate.AfterSeconds(10), ["item:a", "items"]));
        var hosts = new[] { await StartHostAsync("published", publish: Publish), await StartHostAsync("published", publish: Publish) };
        using var fetched = new RedisCounter("isr.redis.pages.fetched", hosts);
        Clock.Advance(TimeSpan.FromSeconds(11));

        var (status, json) = await hosts[0].Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret);
        var answers = new List<(string? State, string Body)>();
        foreach (var host in hosts)
        {
            var (response, body) = await GetAsync(host, "/blocking/a");
            answers.Add((CacheState(response), body));
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("results")[0].GetProperty("unchanged").GetBoolean());
        Assert.All(answers, answer => Assert.Equal(("HIT", System.Text.Encoding.UTF8.GetString(html)), answer));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(0, fetched.Count);
    }

    [RedisFact]
    public async Task AMultiplexerTheAppRegistered_IsTheOneUsed_AndNoConfigurationIsNeeded()
    {
        // Registered as an app does: the app's container owns it.
        var hosts = new[]
        {
            await StartHostAsync(
                configure: options => options.Configuration = null,
                services: services => services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(Redis.Configuration))),
            await StartHostAsync(),
        };
        await RevalidateOnFirstHostAsync(hosts);
        Assert.Same(hosts[0].Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), hosts[0].Services.GetRequiredService<RedisConnection>().Multiplexer);
    }

    /// <summary>Wraps the host's own store so each write takes 300 ms longer.</summary>
    private static void SlowLocalWrites(IServiceCollection services)
    {
        var local = services.Single(d => d.ServiceType == typeof(IIsrPageStore) && d.IsKeyedService && Equals(d.ServiceKey, RedisPageStore.LocalStoreKey));
        services.Remove(local);
        services.AddKeyedSingleton<IIsrPageStore>(RedisPageStore.LocalStoreKey, (provider, _) => new SlowWrites(ActivatorUtilities.CreateInstance<IsrBuild.Store.LayeredPageStore>(provider)));
    }

    [RedisFact]
    public async Task LocalizedPages_AreSharedPerLocale_AndRevalidatingOneLocaleReachesEveryHost()
    {
        static void Localized(IsrOptions options)
        {
            options.Locales = ["en", "fr"];
            options.DefaultLocale = "en";
        }

        var hosts = new[] { await StartHostAsync(isr: Localized), await StartHostAsync(isr: Localized) };
        Backend.Titles["a"] = "Before";
        await GetAsync(hosts[0], "/blocking/a");
        await GetAsync(hosts[0], "/fr/blocking/a");
        await EveryHostServesAsync(hosts, "/fr/blocking/a", "<h1>Before [fr]</h1>");
        await EveryHostServesAsync(hosts, "/en/blocking/a", "<h1>Before [en]</h1>");

        Backend.Titles["a"] = "After";
        var (status, body) = (await hosts[1].Client.RevalidateAsync("/api/revalidate?path=/blocking/a&locale=fr", Secret)).AsText();

        Assert.True(status == System.Net.HttpStatusCode.OK, body);
        Assert.Contains("\"/fr/blocking/a\"", body, StringComparison.Ordinal);
        await EveryHostServesAsync(hosts, "/fr/blocking/a", "<h1>After [fr]</h1>");
        var (english, englishBody) = await GetAsync(hosts[0], "/blocking/a");
        Assert.Equal("HIT", CacheState(english));
        Assert.Contains("<h1>Before [en]</h1>", englishBody, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task TagRevalidation_OnOneHost_RegeneratesThePagesCarryingIt_OnEveryHost()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = "A1";
        Backend.Titles["b"] = "B1";
        await GetAsync(hosts[0], "/blocking/a");
        await GetAsync(hosts[1], "/blocking/b");
        await EveryHostServesAsync(hosts, "/blocking/b", "<h1>B1</h1>");

        Backend.Titles["a"] = "A2";
        Backend.Titles["b"] = "B2";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?tag=items");
        request.Headers.Add("Authorization", $"Bearer {Secret}");
        var answer = await hosts[0].Client.SendAsync(request);

        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>A2</h1>");
        await EveryHostServesAsync(hosts, "/blocking/b", "<h1>B2</h1>");
    }

    [RedisFact]
    public async Task HostStartingLater_TakesTheSharedPagesOverItsOwn_WithoutRenderingThem()
    {
        var first = await StartHostAsync();
        Backend.Titles["a"] = "Shared";
        await GetAsync(first, "/blocking/a");
        var calls = Backend.Calls("a");

        var later = await StartHostAsync();
        await EveryHostServesAsync([later], "/blocking/a", "<h1>Shared</h1>");

        Assert.Equal(calls, Backend.Calls("a"));
    }

    [RedisFact]
    public async Task PausedFormerLeaseHolder_CannotOverwriteANewerPage_AndIsAnsweredWithIt()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        Backend.Titles["a"] = "Newer";
        await GetAsync(hosts[1], "/blocking/a");
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Newer</h1>");

        // Host 0 took the lease before host 1 (fence 1 is older than the fence host 1 wrote under), was paused past
        // its expiry, and now writes the render it made then.
        var store = hosts[0].Services.GetRequiredService<IIsrPageStore>();
        var late = Rendered("Older").ToStoredPage("/blocking/a", "/blocking/{slug}", Clock.GetUtcNow()) with { Fence = 1, Source = PageSource.Regenerated };
        var written = await store.SetAsync(late, Body("Older"), CancellationToken.None);

        Assert.Equal(PageWrite.Superseded, written.Outcome);
        Assert.True(written.Current?.Fence > late.Fence, "the write answers the newer page the store holds");
        await EveryHostServesAsync(hosts, "/blocking/a", "<h1>Newer</h1>");
    }

    [RedisFact]
    public async Task TwoBuildsSharingOneRedis_NeverServeEachOthersPages()
    {
        var oldBuild = await StartHostAsync(buildId: "build-one");
        var oldBuildObserver = await StartHostAsync(buildId: "build-one");
        var newBuild = await StartHostAsync(buildId: "build-two");
        Backend.Titles["a"] = "From build one";
        await GetAsync(oldBuild, "/blocking/a");

        // Once another host of build one has taken the page from its announcement, a host of build two subscribed to
        // the same Redis would have heard it too, were builds not kept apart.
        await Eventually.TrueAsync(
            async () => await oldBuildObserver.Services.GetRequiredService<IIsrPageStore>().GetMetadataAsync("/blocking/a", CancellationToken.None) is not null,
            "the other host of build one applied the page");
        var newBuildStartedLater = await StartHostAsync(buildId: "build-two");
        var importedByLaterHost = await newBuildStartedLater.Services.GetRequiredService<IIsrPageStore>().GetMetadataAsync("/blocking/a", CancellationToken.None);
        Backend.Titles["a"] = "From build two";
        var (response, body) = await GetAsync(newBuild, "/blocking/a");

        Assert.Null(importedByLaterHost);
        Assert.Equal("MISS", CacheState(response));
        Assert.Contains("<h1>From build two</h1>", body, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task SharedEntriesExpire_AndAPageOverTheSizeCap_StaysOnTheHostThatRenderedIt()
    {
        var host = await StartHostAsync(configure: options => options.MaxEntryBytes = 8192);
        Backend.Titles["small"] = "Small";
        Backend.Titles["big"] = string.Concat(Enumerable.Range(0, 3000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await GetAsync(host, "/blocking/small");
        var (big, _) = await GetAsync(host, "/blocking/big");

        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        var database = connection.GetDatabase();
        var lifetime = await database.KeyTimeToLiveAsync("isr:test-build:page:/blocking/small");
        Assert.NotNull(lifetime);
        Assert.InRange(lifetime.Value, TimeSpan.FromDays(6), TimeSpan.FromDays(7));
        Assert.NotNull(await database.KeyTimeToLiveAsync("isr:test-build:tag:items"));
        Assert.Equal(System.Net.HttpStatusCode.OK, big.StatusCode);
        Assert.False(await database.KeyExistsAsync("isr:test-build:page:/blocking/big"));
        Assert.Contains(host.Log.Entries, e => e.EventId == 107 && e.Message.Contains("/blocking/big", StringComparison.Ordinal));
    }

    private static Generation.GenerationResult.Rendered Rendered(string title) => new(Body(title), Revalidate.AfterSeconds(10), ["items"]);

    private static Coordination.EncodedPage Body(string title) =>
        Generation.PageEncoder.Encode(System.Text.Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><body><h1>{title}</h1></body></html>"));

    /// <summary>A store whose writes take 300 ms longer, as on a busy disk.</summary>
    private sealed class SlowWrites(IIsrPageStore inner) : IIsrPageStore
    {
        public string BuildId => inner.BuildId;

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken) => inner.GetAsync(path, encoding, cancellationToken);

        public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) => inner.GetMetadataAsync(path, cancellationToken);

        public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken) => inner.GetBodyAsync(page, encoding, cancellationToken);

        public async Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
        {
            await Task.Delay(300, cancellationToken);
            return await inner.SetAsync(page, body, cancellationToken);
        }

        public Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken) => inner.GetPathsByTagAsync(tag, cancellationToken);

        public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken) => inner.GetPathsByPrefixAsync(prefix, cancellationToken);
    }
}
