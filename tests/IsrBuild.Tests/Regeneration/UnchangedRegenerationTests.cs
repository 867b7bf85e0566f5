using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Regeneration;
using IsrBuild.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Regeneration;

/// <summary>
/// A regeneration whose bytes are the stored page's writes only its times: no body is written, the page is fresh
/// again with the same ETag, and what counts regenerations says "unchanged".
/// </summary>
public sealed class UnchangedRegenerationTests : ServingTestBase
{
    private const string Secret = "an-unchanged-test-secret-of-at-least-32-characters";
    private static readonly string[] Slugs = ["a", "b", "c"];

    private readonly ConcurrentQueue<string> _bodiesWritten = new();

    public UnchangedRegenerationTests()
    {
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = Secret;
            options.MaxRevalidateNowPages = 1;
        };
        Services = services => services
            .AddSingleton<LayeredPageStore>()
            .AddSingleton<IIsrPageStore>(provider => new BodyCountingStore(provider.GetRequiredService<LayeredPageStore>(), _bodiesWritten));
    }

    [Fact]
    public async Task AStalePageRegeneratedWithTheBytesItHad_WritesNoBody_AndIsFreshAgainWithTheSameETag()
    {
        Backend.Titles["a"] = "Same";
        var (first, _) = await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(11));
        var calls = Backend.Calls("a");

        var (stale, _) = await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Backend.Calls("a") == calls + 1 && !Regenerator.IsRunning("/blocking/a"), "the stale page regenerates");
        var (fresh, body) = await GetAsync("/blocking/a");

        Assert.Equal("STALE", CacheState(stale));
        Assert.Equal("HIT", CacheState(fresh));
        Assert.Contains("<h1>Same</h1>", body, StringComparison.Ordinal);
        Assert.Equal(first.Headers.ETag, fresh.Headers.ETag);
        Assert.Equal(["/blocking/a"], _bodiesWritten);
    }

    [Fact]
    public async Task ASetWithNoDataChanged_WritesNoBody_AndItsDoneEventCountsEveryPageUnchanged()
    {
        foreach (var slug in Slugs)
        {
            Backend.Titles[slug] = "Same " + slug;
            await GetAsync($"/blocking/{slug}");
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}&tag=items");
        await Eventually.TrueAsync(() => Host.Log.Entries.Any(entry => entry.EventId == 33), "the set is done");
        var done = Host.Log.Entries.Single(entry => entry.EventId == 33).Message;
        var afterRestart = await RestartedPagesAsync();

        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        Assert.Contains("3 regenerated (3 of them unchanged", done, StringComparison.Ordinal);
        Assert.Equal(Slugs.Length, _bodiesWritten.Count);
        Assert.All(afterRestart, page => Assert.Equal("HIT", page));
    }

    [Fact]
    public async Task APublishedPageRegeneratedWithTheBytesItHad_KeepsServingPublishsBytes_InEveryEncoding_AfterARestart()
    {
        // The bytes the page renders today, published as a build of their own.
        Backend.Titles["a"] = "Published";
        var html = await Client.GetByteArrayAsync("/blocking/a");
        Publish = store => store.Add("/blocking/a", "/blocking/{slug}", new GenerationResult.Rendered(PageEncoder.Encode(html), Revalidate.AfterSeconds(10), ["item:a", "items"]));
        BuildId = "published-build";
        await RestartAsync();
        var published = await EveryEncodingAsync();
        Clock.Advance(TimeSpan.FromSeconds(11));
        var calls = Backend.Calls("a");
        _bodiesWritten.Clear();

        var (stale, _) = await GetAsync("/blocking/a");
        await Eventually.TrueAsync(() => Backend.Calls("a") == calls + 1 && !Regenerator.IsRunning("/blocking/a"), "the stale page regenerates");
        await RestartAsync();
        var refreshed = await EveryEncodingAsync();

        Assert.Equal("STALE", CacheState(stale));
        Assert.Empty(_bodiesWritten);
        Assert.All(refreshed, answer => Assert.Equal("HIT", answer.State));
        Assert.Equal(published.Select(answer => (answer.ETag, answer.Body)), refreshed.Select(answer => (answer.ETag, answer.Body)));
    }

    private PageRegenerator Regenerator => Host.Services.GetRequiredService<PageRegenerator>();

    private async Task<string?[]> RestartedPagesAsync()
    {
        await RestartAsync();
        var states = new List<string?>();
        foreach (var slug in Slugs)
        {
            states.Add(CacheState((await GetAsync($"/blocking/{slug}")).Response));
        }

        return [.. states];
    }

    private async Task<List<(string? State, EntityTagHeaderValue? ETag, byte[] Body)>> EveryEncodingAsync()
    {
        var answers = new List<(string?, EntityTagHeaderValue?, byte[])>();
        foreach (var encoding in new[] { "identity", "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/blocking/a");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await Client.SendAsync(request);
            answers.Add((CacheState(response), response.Headers.ETag, await response.Content.ReadAsByteArrayAsync()));
        }

        return answers;
    }

    /// <summary>The host's own store, counting the writes that carry a page's bodies.</summary>
    private sealed class BodyCountingStore(IIsrPageStore inner, ConcurrentQueue<string> bodiesWritten) : IIsrPageStore
    {
        public string BuildId => inner.BuildId;

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken) =>
            inner.GetAsync(path, encoding, cancellationToken);

        public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) => inner.GetMetadataAsync(path, cancellationToken);

        public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken) =>
            inner.GetBodyAsync(page, encoding, cancellationToken);

        public Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
        {
            if (body is not null)
            {
                bodiesWritten.Enqueue(page.Path);
            }

            return inner.SetAsync(page, body, cancellationToken);
        }

        public Task<PageWriteResult?> RefreshAsync(StoredPage page, CancellationToken cancellationToken) => inner.RefreshAsync(page, cancellationToken);

        public Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken) => inner.GetPathsByTagAsync(tag, cancellationToken);

        public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken) =>
            inner.GetPathsByPrefixAsync(prefix, cancellationToken);
    }
}
