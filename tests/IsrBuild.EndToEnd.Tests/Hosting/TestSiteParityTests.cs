using System.Net;
using System.Text.Json;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>
/// Next.js parity on the published test site run as its own process: pages prerendered per locale, served under a
/// base path at canonical URLs, draft mode, CDN tags and their purge hook, and the per-path status route.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class TestSiteParityTests(PublishedTestSite published) : IDisposable
{
    private const string Secret = "test-site-secret-0123456789abcdef0123456";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Publish_PrerendersEachPathInTheLocaleItNames()
    {
        var manifest = published.Manifest;

        Assert.Contains("/articles/hello", manifest.PagePaths);
        Assert.Contains("/fr/articles/bonjour", manifest.PagePaths);
        Assert.DoesNotContain("/fr/articles/hello", manifest.PagePaths);
        Assert.DoesNotContain("/articles/bonjour", manifest.PagePaths);
        Assert.Contains("<h1>Article bonjour [fr]</h1>", manifest.HtmlOf("/fr/articles/bonjour"), StringComparison.Ordinal);
        Assert.Equal("en,fr;en", manifest.Meta("locales"));
    }

    [Fact]
    public async Task LocalizedPages_AreServedUnderTheBasePath_AtTheirCanonicalUrls_AndNowhereElse()
    {
        using var site = await StartAsync();

        var english = await site.Client.GetAsync("/site/articles/hello");
        var french = await site.Client.GetAsync("/site/fr/articles/bonjour");
        var defaultPrefixed = await site.Client.GetAsync("/site/en/articles/hello");
        var unlisted = await site.Client.GetAsync("/site/fr/articles/hello");
        var slash = await site.Client.GetAsync("/site/fr/articles/bonjour/");
        var outside = await site.Client.GetAsync("/articles/hello");

        Assert.True(english.StatusCode == HttpStatusCode.OK, $"{english.StatusCode}\n{site.Output}");
        Assert.Equal("HIT", english.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Article hello [en]</h1>", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<h1>Article bonjour [fr]</h1>", await french.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(english.Headers.ETag, defaultPrefixed.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, unlisted.StatusCode);
        Assert.Equal(HttpStatusCode.PermanentRedirect, slash.StatusCode);
        Assert.Equal("/site/fr/articles/bonjour", slash.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task DraftMode_TurnedOnThroughTheSecretRoute_ShowsTheDraft_AndOnlyToThatBrowser()
    {
        using var site = await StartAsync();
        using var editor = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };

        var enable = await editor.GetAsync($"/site/api/revalidate/draft?secret={Secret}&path=/fr/articles/bonjour&data=rev-7");
        var cookie = enable.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var draftRequest = new HttpRequestMessage(HttpMethod.Get, "/site/fr/articles/bonjour");
        draftRequest.Headers.Add("Cookie", cookie);
        var draft = await editor.SendAsync(draftRequest);
        var visitor = await site.Client.GetAsync("/site/fr/articles/bonjour");

        Assert.True(enable.StatusCode == HttpStatusCode.TemporaryRedirect, $"{enable.StatusCode}: {await enable.Content.ReadAsStringAsync()}\n{site.Output}");
        Assert.Equal("/site/fr/articles/bonjour", enable.Headers.Location!.OriginalString);
        Assert.Equal("DRAFT", draft.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("no-store", draft.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<h1>Draft of bonjour (rev-7) [fr]</h1>", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("HIT", visitor.Headers.GetValues(CacheHeader).Single());
        Assert.Contains("<h1>Article bonjour [fr]</h1>", await visitor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CdnTags_AreSent_RevalidationCallsThePurgeHook_AndTheStatusRouteExplainsThePage()
    {
        var purgeLog = _directory.Combine("purged.txt");
        var edits = _directory.Combine("edits.txt");
        using var site = await StartAsync(("TestSite__PurgeLog", purgeLog), ("TestSite__ArticleEdits", edits));

        var page = await site.Client.GetAsync("/site/fr/articles/bonjour");
        await File.WriteAllTextAsync(edits, ", edited");
        using var revalidate = new HttpRequestMessage(HttpMethod.Post, "/site/api/revalidate?tag=article:bonjour");
        revalidate.Headers.Add("Authorization", $"Bearer {Secret}");
        var answer = await site.Client.SendAsync(revalidate);
        var status = JsonDocument.Parse(await site.Client.GetStringAsync($"/site/api/revalidate/status?secret={Secret}&path=/fr/articles/bonjour")).RootElement;

        Assert.Equal("article:bonjour articles", page.Headers.GetValues("Surrogate-Key").Single());
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{site.Output}");
        Assert.Equal("/fr/articles/bonjour | article:bonjour |  | Now\n", await File.ReadAllTextAsync(purgeLog));
        Assert.Equal("regenerated", status.GetProperty("source").GetString());
        Assert.Equal(300, status.GetProperty("revalidateSeconds").GetInt32());
        Assert.Equal(["article:bonjour", "articles"], status.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    private Task<SiteProcess> StartAsync(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["Isr__CacheDirectory"] = _directory.Combine("cache"),
            ["Isr__RevalidateSecret"] = Secret,
            ["Isr__BasePath"] = "/site",
            ["Isr__CdnTagHeader"] = "Surrogate-Key",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return SiteProcess.StartAsync(published.PublishDirectory, "IsrBuild.TestSite", environment);
    }
}
