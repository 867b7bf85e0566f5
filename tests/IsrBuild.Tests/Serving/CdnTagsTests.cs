using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Serving;

/// <summary>CDN tags: a header carrying a page's tags, and a purge hook called after every on-demand revalidation.</summary>
public sealed class CdnTagsTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    private readonly RecordingPurger _purger = new();

    public CdnTagsTests()
    {
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = Secret;
            options.CdnTagHeader = "Surrogate-Key";
        };
        Services = services => services.AddSingleton<IIsrCdnPurger>(_purger).AddSingleton<IIsrCdnPurger, FailingPurger>();
    }

    [Fact]
    public async Task Page_CarriesItsTagsInTheConfiguredHeader_SpaceSeparatedForFastly_FromMemoryToo()
    {
        Backend.Titles["a"] = "A";

        var (rendered, _) = await GetAsync("/blocking/a");
        var (hit, _) = await GetAsync("/blocking/a");

        Assert.Equal("item:a items", rendered.Headers.GetValues("Surrogate-Key").Single());
        Assert.Equal("HIT", CacheState(hit));
        Assert.Equal("item:a items", hit.Headers.GetValues("Surrogate-Key").Single());
    }

    [Fact]
    public async Task CloudflareHeader_IsCommaSeparated_AndNoHeaderIsSentWhenTheOptionIsOff()
    {
        Backend.Titles["a"] = "A";
        ExtraConfiguration = options => options.CdnTagHeader = "Cache-Tag";
        await RestartAsync();
        var (cloudflare, _) = await GetAsync("/blocking/a");

        ExtraConfiguration = null;
        await RestartAsync();
        var (off, _) = await GetAsync("/blocking/a");

        Assert.Equal("item:a,items", cloudflare.Headers.GetValues("Cache-Tag").Single());
        Assert.False(off.Headers.Contains("Surrogate-Key") || off.Headers.Contains("Cache-Tag"));
    }

    [Fact]
    public async Task Revalidation_CallsEveryPurgerWithThePathsAndTags_AndAFailingPurgerNeverFailsIt()
    {
        Backend.Titles["a"] = "A";
        Backend.Titles["b"] = "B";
        await GetAsync("/blocking/a");
        await GetAsync("/blocking/b");
        Backend.Titles["a"] = "A, edited";
        Backend.Titles["b"] = "B, edited";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?path=/blocking/a&tag=item:b");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var answer = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var purge = Assert.Single(_purger.Calls);
        Assert.Equal(["/blocking/a", "/blocking/b"], purge.Paths.Order(StringComparer.Ordinal));
        Assert.Equal(["item:b"], purge.Tags);
        Assert.False(purge.Soft);
        Assert.Contains(Host.Log.Entries, e => e.EventId == 24 && e.Message.Contains(nameof(FailingPurger), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PagesRegeneratedWithTheBytesTheyHad_AreNotPurgedFromTheCdn_AndTheAnswerCountsThemUnchanged()
    {
        Backend.Titles["a"] = "A";
        Backend.Titles["b"] = "B";
        await GetAsync("/blocking/a");
        await GetAsync("/blocking/b");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?path=/blocking/a&tag=item:b");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var answer = await Client.SendAsync(request);
        var json = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(_purger.Calls);
        var tag = json.GetProperty("tags")[0];
        Assert.Equal((1, 1), (tag.GetProperty("regenerated").GetInt32(), tag.GetProperty("unchanged").GetInt32()));
        Assert.True(json.GetProperty("results")[0].GetProperty("unchanged").GetBoolean());
    }

    private sealed class RecordingPurger : IIsrCdnPurger
    {
        public ConcurrentQueue<CdnPurge> Calls { get; } = new();

        public Task PurgeAsync(CdnPurge purge, CancellationToken cancellationToken)
        {
            Calls.Enqueue(purge);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingPurger : IIsrCdnPurger
    {
        public Task PurgeAsync(CdnPurge purge, CancellationToken cancellationToken) =>
            throw new HttpRequestException("The CDN's purge API is down.");
    }
}
