using System.Net;
using System.Text.Json;
using IsrBuild.Http;
using IsrBuild.Testing;
using IsrBuild.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Edge;

/// <summary>
/// What a revalidate caller sees of the caches in front: each is purged of every representation of the changed page
/// before the answer, and one that refuses, is down, or does not answer in time shows in the answer without failing
/// the revalidation. (Purging a real nginx is tested end to end, in <c>Deployment/EdgeCacheTests</c>.)
/// </summary>
public sealed class EdgePurgeTests : IDisposable
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    private readonly TemporaryDirectory _contentRoot = new();
    private readonly TestBackend _backend = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task Revalidation_PurgesEveryRepresentationFromEachCacheInFront_BeforeItAnswers()
    {
        await using var first = await CacheInFront.StartAsync();
        await using var second = await CacheInFront.StartAsync();
        await using var host = await StartHostAsync(first.PurgeUrl, second.PurgeUrl);
        await RenderAsync(host, "a");
        // The first render is a change too, purged in the background: let it arrive, so that what follows is the call's.
        await Eventually.TrueAsync(() => first.Received.Count == 3 && second.Received.Count == 3, "the first render's purges arrive");
        _backend.Titles["a"] = "After";

        var (status, json) = await host.Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");
        var purgedByTheCall = new[] { first.Received.Skip(3).ToList(), second.Received.Skip(3).ToList() };

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.TryGetProperty("edgePurgeFailed", out _));
        foreach (var received in purgedByTheCall)
        {
            Assert.All(received, request => Assert.Equal(("PURGE", "/_purge/blocking/a"), (request.Method, request.Path)));
            Assert.Equal(["", "br", "gzip"], received.Select(request => request.AcceptEncoding).Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task CacheInFrontAnsweringAnError_IsListedInTheAnswer_AndThePageIsStillRevalidated()
    {
        await using var failing = await CacheInFront.StartAsync(HttpStatusCode.InternalServerError);
        await using var host = await StartHostAsync(failing.PurgeUrl);
        await RenderAsync(host, "a");
        _backend.Titles["a"] = "After";

        var (status, json) = await host.Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");
        var page = await host.Client.GetStringAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("revalidated").GetBoolean());
        Assert.Equal(["/blocking/a"], json.GetProperty("edgePurgeFailed").EnumerateArray().Select(path => path.GetString()));
        Assert.Contains("<h1>After</h1>", page, StringComparison.Ordinal);
        Assert.Contains(host.Log.Entries, entry => entry.EventId == 28 && entry.Message.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CacheInFrontThatIsDown_IsListedInTheAnswer()
    {
        var stopped = await CacheInFront.StartAsync();
        await stopped.DisposeAsync();
        await using var host = await StartHostAsync(stopped.PurgeUrl);
        await RenderAsync(host, "a");
        _backend.Titles["a"] = "After";

        var (status, json) = await host.Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["/blocking/a"], json.GetProperty("edgePurgeFailed").EnumerateArray().Select(path => path.GetString()));
        Assert.Contains(host.Log.Entries, entry => entry.EventId == 28 && entry.Message.Contains(nameof(HttpRequestException), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CacheInFrontThatNeverAnswers_IsListedInTheAnswer_OnceThePurgeTimesOut()
    {
        await using var hanging = await CacheInFront.StartAsync(status: null);
        await using var host = await StartHostAsync(hanging.PurgeUrl);
        await RenderAsync(host, "a");
        _backend.Titles["a"] = "After";

        // Bounded by the test client's own timeout (100 s): a purge without a timeout would never answer.
        var (status, json) = await host.Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["/blocking/a"], json.GetProperty("edgePurgeFailed").EnumerateArray().Select(path => path.GetString()));
        Assert.NotEmpty(hanging.Received);
    }

    [Fact]
    public async Task ARevalidatedPage_IsPurgedOncePerCacheAndRepresentation()
    {
        await using var cache = await CacheInFront.StartAsync();
        await using var host = await StartHostAsync(cache.PurgeUrl);
        await RenderAsync(host, "a");
        await Eventually.TrueAsync(() => cache.Received.Count == 3, "the first render's purges arrive");
        _backend.Titles["a"] = "After";

        var (status, _) = await host.Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        // A later change purged in the background: once its purges arrive, any the revalidation queued has arrived too.
        await RenderAsync(host, "later");
        await Eventually.TrueAsync(() => cache.Received.Any(request => request.Path == "/_purge/blocking/later"), "the later page's purges arrive");
        Assert.Equal(HttpStatusCode.OK, status);
        var purgesOfTheCall = cache.Received.Skip(3).Where(request => request.Path == "/_purge/blocking/a").ToList();
        Assert.Equal(["", "br", "gzip"], purgesOfTheCall.Select(request => request.AcceptEncoding).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APageRegeneratedWithTheBytesItHad_IsNotPurged_AndTheAnswerSaysUnchanged()
    {
        await using var cache = await CacheInFront.StartAsync();
        await using var host = await StartHostAsync(cache.PurgeUrl);
        await RenderAsync(host, "a");
        await Eventually.TrueAsync(() => cache.Received.Count == 3, "the first render's purges arrive");

        var (status, json) = await host.Client.RevalidateAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

        // A later change purged in the background: once its purges arrive, any the revalidation queued has arrived too.
        await RenderAsync(host, "later");
        await Eventually.TrueAsync(() => cache.Received.Any(request => request.Path == "/_purge/blocking/later"), "the later page's purges arrive");
        Assert.Equal(HttpStatusCode.OK, status);
        var result = json.GetProperty("results")[0];
        Assert.Equal("regenerated", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("unchanged").GetBoolean());
        Assert.DoesNotContain(cache.Received.Skip(3), request => request.Path == "/_purge/blocking/a");
    }

    private Task<IsrTestHost> StartHostAsync(params string[] purgeUrls) =>
        IsrTestHost.StartAsync(_contentRoot.Path, _backend, _clock, options =>
        {
            options.RevalidateSecret = Secret;
            options.EdgePurge.Urls = purgeUrls;
            options.EdgePurge.TimeoutMilliseconds = 200;
        });

    private async Task RenderAsync(IsrTestHost host, string slug)
    {
        _backend.Titles.TryAdd(slug, "Before");
        using var response = await host.Client.GetAsync("/blocking/" + slug);
        response.EnsureSuccessStatusCode();
    }
}
