using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>The published test site run as its own process: paths of any characters, and renders that never see a request.</summary>
[Collection(PublishGroup.Name)]
public sealed class TestSiteHostTests(PublishedTestSite published) : IDisposable
{
    private const string Secret = "test-site-secret-0123456789abcdef0123456";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("/tags/商業日語", "Tag 商業日語")]
    [InlineData("/tags/a%20b", "Tag a b")]
    [InlineData("/tags/%5Bx%5D", "Tag [x]")]
    [InlineData("/tags/[x]", "Tag [x]")]
    [InlineData("/tags/c++", "Tag c++")]
    [InlineData("/tags/q&a", "Tag q&a")]
    [InlineData("/tags/100%25", "Tag 100%")]
    [InlineData("/tags/M%C3%BCller", "Tag Müller")]
    [InlineData("/tags/first%2Fpost", "Tag first/post")]
    [InlineData("/docs/guide/intro/setup", "Doc guide/intro/setup")]
    [InlineData("/docs/a%20b/%E5%95%86%E6%A5%AD", "Doc a b/商業")]
    public async Task PrerenderedPath_OfAnyCharacters_IsServedFromThePublishedStore(string path, string title)
    {
        using var site = await StartAsync();

        var response = await site.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}\n{site.Output}");
        Assert.Equal("HIT", response.Headers.GetValues(CacheHeader).Single());
        Assert.Contains($"<h1>{title}</h1>", await TextOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodedSlash_AndEncodedPercentSlash_AreTwoPages_WithTheirOwnRouteValues()
    {
        using var site = await StartAsync();

        var slash = await site.Client.GetAsync(new Uri("/tags/first%2Fpost", UriKind.Relative));
        var percent = await site.Client.GetAsync(new Uri("/tags/first%252Fpost", UriKind.Relative));

        Assert.Equal("HIT", slash.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Tag first/post</h1>", await TextOfAsync(slash), StringComparison.Ordinal);
        Assert.Equal("MISS", percent.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Tag first%2Fpost</h1>", await TextOfAsync(percent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RendersThatAreCached_NeverSeeTheRequest_BlockingBackgroundOrOnDemand()
    {
        using var site = await StartAsync();

        // Blocking first render, triggered by a visitor with a cookie.
        var blocking = await GetWithCookieAsync(site, "/visitor/first");
        Assert.Equal("MISS", blocking.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("Rendered with no request", await blocking.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Background regeneration of a stale page (1 s interval), triggered by a visitor with a cookie: the first
        // request once the interval has passed gets it stale (the earlier ones are fresh hits and start nothing).
        HttpResponseMessage stale = null!;
        await Eventually.TrueAsync(
            async () => (stale = await GetWithCookieAsync(site, "/visitor/published")).Headers.GetValues(CacheHeader).Single() != "HIT",
            "/visitor/published's interval has passed",
            () => site.Output);

        Assert.Equal("STALE", stale.Headers.GetValues(CacheHeader).Single());
        await Eventually.TrueAsync(
            async () => (await site.Client.GetAsync("/visitor/published")) is var response
                && (response.Headers.GetValues(CacheHeader).Single() == "HIT" || response.Headers.Age?.TotalSeconds < 1),
            "/visitor/published is regenerated",
            () => site.Output);
        Assert.Contains("Rendered with no request", await site.Client.GetStringAsync("/visitor/published"), StringComparison.Ordinal);

        // On demand, called by a CMS with a cookie of its own.
        using var revalidate = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?path=/visitor/first");
        revalidate.Headers.Add("Authorization", $"Bearer {Secret}");
        revalidate.Headers.Add("Cookie", "visitor=cms");
        var answer = await site.Client.SendAsync(revalidate);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var body = await site.Client.GetStringAsync("/visitor/first");
        Assert.Contains("Rendered with no request", body, StringComparison.Ordinal);
        Assert.DoesNotContain("cookie", body, StringComparison.Ordinal);
    }

    /// <summary>The page as a browser shows it: Razor encodes non-ASCII characters and <c>+</c> as character references.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<HttpResponseMessage> GetWithCookieAsync(SiteProcess site, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "visitor=alice");
        return await site.Client.SendAsync(request);
    }

    [Fact]
    public async Task AnMvcActionWithIsr_IsServedFromPublish_ANewPathRendersOnce_AndItsTagRevalidatesIt()
    {
        using var site = await StartAsync();

        using var published = await site.Client.GetAsync(new Uri("/shelf/1", UriKind.Relative));
        using var miss = await site.Client.GetAsync(new Uri("/shelf/3", UriKind.Relative));
        using var hit = await site.Client.GetAsync(new Uri("/shelf/3", UriKind.Relative));
        var publishedBody = await published.Content.ReadAsStringAsync();
        using var revalidate = await site.Client.PostAsync(new Uri($"/api/revalidate?secret={Secret}&tag=shelf:1", UriKind.Relative), null);
        using var revalidated = await site.Client.GetAsync(new Uri("/shelf/1", UriKind.Relative));

        Assert.Equal("HIT", published.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<title>Shelf 1 - Test site</title>", publishedBody, StringComparison.Ordinal);
        Assert.Equal("MISS", miss.Headers.GetValues(CacheHeader).Single());
        Assert.Equal("HIT", hit.Headers.GetValues(CacheHeader).Single());
        Assert.Equal(await miss.Content.ReadAsStringAsync(), await hit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
        Assert.NotEqual(publishedBody, await revalidated.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Shelf 1</h1>", await revalidated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMinimalApiEndpointThatSetsACookie_IsAnsweredByTheAppEachTime_AndNeverStored()
    {
        using var site = await StartAsync();

        using var first = await site.Client.GetAsync(new Uri("/note/cookie", UriKind.Relative));
        using var second = await site.Client.GetAsync(new Uri("/note/cookie", UriKind.Relative));
        using var hello = await site.Client.GetAsync(new Uri("/note/hello", UriKind.Relative));

        Assert.False(first.Headers.Contains(CacheHeader));
        Assert.False(second.Headers.Contains(CacheHeader));
        Assert.Contains("note-session=1", string.Join(";", second.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Equal("HIT", hello.Headers.GetValues(CacheHeader).Single());
    }

    private Task<SiteProcess> StartAsync() =>
        SiteProcess.StartAsync(published.PublishDirectory, "IsrBuild.TestSite", new Dictionary<string, string>
        {
            ["Isr__CacheDirectory"] = _directory.Combine("cache"),
            ["Isr__RevalidateSecret"] = Secret,
        });
}
