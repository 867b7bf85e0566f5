using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Tests.Drafts;

/// <summary>
/// Draft mode: an editor turns it on through the secret-protected draft route and then sees unpublished content on
/// the real URLs, rendered for each request and never cached; every other visitor is untouched.
/// </summary>
public sealed class DraftModeTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public DraftModeTests()
    {
        ExtraConfiguration = options => options.RevalidateSecret = Secret;
        Services = ShareKeys(Path.Combine(ContentRoot, "keys"));
    }

    [Fact]
    public async Task EditorWithTheCookie_GetsAFreshDraftRenderEachTime_AndVisitorsKeepThePublishedPage()
    {
        Backend.Titles["a"] = "Published";
        Backend.Drafts["a"] = "Unpublished edit";
        var (first, _) = await GetAsync("/blocking/a");
        var cookie = await EnableAsync("/blocking/a");

        var (draft1, draftBody1) = await AsEditorAsync("/blocking/a", cookie);
        var (draft2, draftBody2) = await AsEditorAsync("/blocking/a", cookie);
        var (visitor, visitorBody) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, draft1.StatusCode);
        Assert.Contains("Unpublished edit", draftBody1, StringComparison.Ordinal);
        Assert.Contains("Unpublished edit", draftBody2, StringComparison.Ordinal);
        Assert.Equal("DRAFT", CacheState(draft1));
        Assert.Equal("private, no-cache, no-store, max-age=0, must-revalidate", CacheControl(draft2));
        Assert.Equal(3, Backend.Calls("a"));
        Assert.Equal("HIT", CacheState(visitor));
        Assert.Contains("Published", visitorBody, StringComparison.Ordinal);
        Assert.Equal(first.Headers.ETag, visitor.Headers.ETag);
    }

    [Fact]
    public async Task DraftRender_IsWrittenNowhere_NotEvenForAPathNeverGenerated()
    {
        Backend.Drafts["new-post"] = "Coming soon";
        var cookie = await EnableAsync("/false/new-post");

        var (draft, body) = await AsEditorAsync("/false/new-post", cookie);
        var (visitor, _) = await GetAsync("/false/new-post");
        var status = await StatusAsync("/false/new-post");

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains("Coming soon", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, visitor.StatusCode);
        Assert.Equal("none", status.GetProperty("state").GetString());
        Assert.DoesNotContain(
            Directory.EnumerateFiles(Path.Combine(ContentRoot, "cache"), "*", SearchOption.AllDirectories),
            file => File.ReadAllBytes(file).AsSpan().IndexOf("Coming soon"u8) >= 0);
    }

    [Fact]
    public async Task DraftData_GivenWhenDraftModeWasTurnedOn_ReachesThePage()
    {
        Backend.Drafts["a"] = "Edit";
        var cookie = await EnableAsync("/blocking/a", "&data=revision-42");

        var (_, body) = await AsEditorAsync("/blocking/a", cookie);

        Assert.Contains("Edit (revision-42)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedOrExpiredCookie_IsIgnored_TheVisitorGetsThePublishedPage()
    {
        Backend.Titles["a"] = "Published";
        Backend.Drafts["a"] = "Unpublished edit";
        await GetAsync("/blocking/a");
        var cookie = await EnableAsync("/blocking/a");

        var (forged, forgedBody) = await AsEditorAsync("/blocking/a", "__isr_draft=CfDJ8forged-value");
        var (tampered, _) = await AsEditorAsync("/blocking/a", cookie[..^4] + "AAAA");
        Clock.Advance(TimeSpan.FromSeconds(3601));
        var (expired, expiredBody) = await AsEditorAsync("/blocking/a", cookie);

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Published", forgedBody, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(forged));
        Assert.NotEqual("DRAFT", CacheState(tampered));
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.NotEqual("DRAFT", CacheState(expired));
        Assert.Contains("Published", expiredBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftRoute_WantsTheSecretAndALocalPath_AndDisablingDropsTheCookie()
    {
        var (noSecret, noSecretBody) = await GetAsync("/api/revalidate/draft?path=/blocking/a");
        var (wrongSecret, _) = await GetAsync("/api/revalidate/draft?secret=wrong&path=/blocking/a");
        var (offSite, offSiteBody) = await GetAsync($"/api/revalidate/draft?secret={Secret}&path=//evil.example/x");
        var (disabled, _) = await GetAsync($"/api/revalidate/draft/disable?secret={Secret}&path=/blocking/a");

        Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);
        Assert.Equal("Invalid token", JsonDocument.Parse(noSecretBody).RootElement.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, offSite.StatusCode);
        Assert.Contains("not an absolute local path", JsonDocument.Parse(offSiteBody).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, disabled.StatusCode);
        Assert.Equal("/blocking/a", disabled.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(disabled.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__isr_draft=;", setCookie, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingDraftRender_Answers500_AndTheLastGoodPageStays()
    {
        Backend.Titles["a"] = "Published";
        await GetAsync("/blocking/a");
        var cookie = await EnableAsync("/blocking/a");
        Backend.Failing["a"] = true;

        var (draft, _) = await AsEditorAsync("/blocking/a", cookie);
        var (visitor, body) = await GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.InternalServerError, draft.StatusCode);
        Assert.Equal("private, no-cache, no-store, max-age=0, must-revalidate", CacheControl(draft));
        Assert.Contains(Host.Log.Entries, e => e.EventId == 25);
        Assert.Equal("HIT", CacheState(visitor));
        Assert.Contains("Published", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftCookie_OutlivesARestart_AndASecondHostReadsIt_WhenTheHostsShareTheirKeys()
    {
        Backend.Titles["a"] = "Published";
        Backend.Drafts["a"] = "Unpublished edit";
        var cookie = await EnableAsync("/blocking/a");

        await RestartAsync();
        var (afterRestart, afterRestartBody) = await AsEditorAsync("/blocking/a", cookie);
        using var secondRootFolder = new TemporaryDirectory();
        var secondRoot = secondRootFolder.Path;
        await using var second = await IsrTestHost.StartAsync(
            secondRoot, Backend, Clock, options => options.RevalidateSecret = Secret, services: ShareKeys(Path.Combine(ContentRoot, "keys")));
        var (onSecond, onSecondBody) = await AsEditorAsync("/blocking/a", cookie, second.Client.BaseAddress);

        Assert.Equal("DRAFT", CacheState(afterRestart));
        Assert.Contains("Unpublished edit", afterRestartBody, StringComparison.Ordinal);
        Assert.Equal("DRAFT", CacheState(onSecond));
        Assert.Contains("Unpublished edit", onSecondBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftDataOverTheLimit_Answers400_AndSetsNoCookie()
    {
        var (response, body) = await GetAsync($"/api/revalidate/draft?secret={Secret}&path=/blocking/a&data={new string('x', 1025)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 1024 characters", JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    /// <summary>
    /// What a site running several hosts configures: Data Protection keys in one shared place, under one application
    /// name (without it, each host's content root makes its keys its own).
    /// </summary>
    private static Action<IServiceCollection> ShareKeys(string folder) =>
        services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder)).SetApplicationName("isr-test-site");

    /// <summary>Turns draft mode on as an editor's browser would, and returns the cookie it was given.</summary>
    private async Task<string> EnableAsync(string path, string extraQuery = "")
    {
        var (response, _) = await GetAsync($"/api/revalidate/draft?secret={Secret}&path={Uri.EscapeDataString(path)}{extraQuery}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(path, response.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", setCookie, StringComparison.OrdinalIgnoreCase);
        return setCookie.Split(';')[0];
    }

    private async Task<(HttpResponseMessage Response, string Body)> AsEditorAsync(string path, string cookie, Uri? host = null)
    {
        using var editor = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host ?? Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        var response = await editor.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> StatusAsync(string path)
    {
        var (_, body) = await GetAsync($"/api/revalidate/status?secret={Secret}&path={Uri.EscapeDataString(path)}");
        return JsonDocument.Parse(body).RootElement;
    }
}
