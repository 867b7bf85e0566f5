using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsrBuild.Generation;

namespace IsrBuild.Tests.Localization;

/// <summary>
/// Locales (Next.js <c>i18n</c>): en (default, unprefixed), fr and de. Each locale's page is its own entry, generated
/// with its locale, found or not found on its own; the default locale's prefixed URL is the same entry.
/// </summary>
public sealed class LocaleTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";
    private static readonly string[] DefaultPath = ["/blocking/a"];
    private static readonly string[] GermanPath = ["/de/blocking/a"];
    private static readonly string[] BlockingPrefix = ["/blocking/*"];

    public LocaleTests()
    {
        ExtraConfiguration = options =>
        {
            options.RevalidateSecret = Secret;
            options.Locales = ["en", "fr", "de"];
            options.DefaultLocale = "en";
        };
        Publish = store =>
        {
            store.Locales = "en,fr,de;en";
            store.Add("/false/listed", "/false/{slug}", Rendered("Listed [en]"));
            store.Add("/de/false/listed", "/false/{slug}", Rendered("Gelistet [de]"));
        };
    }

    [Fact]
    public async Task EachLocale_IsItsOwnPage_RenderedWithItsLocale_AndTheDefaultIsUnprefixed()
    {
        Backend.Titles["a"] = "A";

        var (en, enBody) = await GetAsync("/blocking/a");
        var (fr, frBody) = await GetAsync("/fr/blocking/a");
        var (de, deBody) = await GetAsync("/DE/blocking/a");

        Assert.Equal(HttpStatusCode.OK, en.StatusCode);
        Assert.Contains("A [en]", enBody, StringComparison.Ordinal);
        Assert.Contains("A [fr]", frBody, StringComparison.Ordinal);
        Assert.Contains("A [de]", deBody, StringComparison.Ordinal);
        Assert.Equal(["MISS", "MISS", "MISS"], new[] { CacheState(en), CacheState(fr), CacheState(de) });
        Assert.Equal(3, Backend.Calls("a"));
    }

    [Fact]
    public async Task DefaultLocalesPrefixedUrl_IsTheSameCacheEntry()
    {
        Backend.Titles["a"] = "A";

        var (plain, _) = await GetAsync("/blocking/a");
        var (prefixed, body) = await GetAsync("/en/blocking/a");
        var (root, _) = await GetAsync("/");
        var (prefixedRoot, _) = await GetAsync("/en");

        Assert.Equal("HIT", CacheState(prefixed));
        Assert.Equal(plain.Headers.ETag, prefixed.Headers.ETag);
        Assert.Contains("A [en]", body, StringComparison.Ordinal);
        Assert.Equal(1, Backend.Calls("a"));
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal("HIT", CacheState(prefixedRoot));
    }

    [Fact]
    public async Task NotFound_IsDecidedPerLocale()
    {
        Backend.Titles["a"] = "A";
        Backend.MissingIn["de:a"] = true;

        var (en, _) = await GetAsync("/blocking/a");
        var (de, _) = await GetAsync("/de/blocking/a");
        var (fr, _) = await GetAsync("/fr/blocking/a");

        Assert.Equal(HttpStatusCode.OK, en.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, de.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fr.StatusCode);
    }

    [Fact]
    public async Task TrueFallback_RendersTheFallbackInTheRequestsLocale_ThenThatLocalesPage()
    {
        Backend.Titles["x"] = "X";

        var (fallback, body) = await GetAsync("/fr/background/x", r => r.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"));

        Assert.Equal("MISS", CacheState(fallback));
        Assert.Contains("Loading /fr/background/x [fr]", body, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await GetAsync("/fr/background/x")).Body.Contains("<h1>X [fr]</h1>", StringComparison.Ordinal), "the French page generated in the background is served");
    }

    [Fact]
    public async Task FalseFallback_ServesOnlyTheLocalesPublishListed()
    {
        var (en, enBody) = await GetAsync("/false/listed");
        var (de, deBody) = await GetAsync("/de/false/listed");
        var (fr, _) = await GetAsync("/fr/false/listed");

        Assert.Equal("HIT", CacheState(en));
        Assert.Contains("Listed [en]", enBody, StringComparison.Ordinal);
        Assert.Contains("Gelistet [de]", deBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, fr.StatusCode);
        Assert.Equal(0, Backend.Calls("listed"));
    }

    [Fact]
    public async Task Root_RedirectsByAcceptLanguage_OtherPathsAndPrefixedRootsIgnoreIt()
    {
        Backend.Titles["home"] = "Home";
        Backend.Titles["a"] = "A";

        var (canadian, _) = await GetAsync("/?utm=x", r => r.Headers.Add("Accept-Language", "fr-CA, en;q=0.8"));
        var (german, _) = await GetAsync("/", r => r.Headers.Add("Accept-Language", "es;q=0.9, de-AT;q=0.8"));
        var (english, _) = await GetAsync("/", r => r.Headers.Add("Accept-Language", "en-GB, fr;q=0.5"));
        var (unknown, _) = await GetAsync("/", r => r.Headers.Add("Accept-Language", "ja"));
        var (page, pageBody) = await GetAsync("/blocking/a", r => r.Headers.Add("Accept-Language", "fr"));
        var (explicitDefault, _) = await GetAsync("/en", r => r.Headers.Add("Accept-Language", "fr"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, canadian.StatusCode);
        Assert.Equal("/fr?utm=x", canadian.Headers.Location!.OriginalString);
        Assert.Contains("Accept-Language", canadian.Headers.Vary);
        Assert.Equal("/de", german.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Contains("Accept-Language", english.Headers.Vary);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("A [en]", pageBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, explicitDefault.StatusCode);
    }

    [Fact]
    public async Task Root_FollowsTheCultureCookieBeforeAcceptLanguage()
    {
        Backend.Titles["home"] = "Home";

        var (chosenFrench, _) = await GetAsync("/", r =>
        {
            r.Headers.Add("Accept-Language", "en");
            r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dfr-CA%7Cuic%3Dfr-CA");
        });
        var (chosenDefault, body) = await GetAsync("/", r =>
        {
            r.Headers.Add("Accept-Language", "fr");
            r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        });
        var (unknownCulture, _) = await GetAsync("/", r =>
        {
            r.Headers.Add("Accept-Language", "de");
            r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dja%7Cuic%3Dja");
        });

        Assert.Equal(HttpStatusCode.TemporaryRedirect, chosenFrench.StatusCode);
        Assert.Equal("/fr", chosenFrench.Headers.Location!.OriginalString);
        Assert.Contains("Cookie", chosenFrench.Headers.Vary);
        Assert.Equal(HttpStatusCode.OK, chosenDefault.StatusCode);
        Assert.Contains("Home [en]", body, StringComparison.Ordinal);
        Assert.Equal("/de", unknownCulture.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LocaleDetectionOff_ServesTheDefaultRootToEveryone()
    {
        var configure = ExtraConfiguration!;
        ExtraConfiguration = options =>
        {
            configure(options);
            options.LocaleDetection = false;
        };
        await RestartAsync();
        Backend.Titles["home"] = "Home";

        var (root, body) = await GetAsync("/", r => r.Headers.Add("Accept-Language", "fr"));

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("Home [en]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept-Language", root.Headers.Vary);
    }

    [Fact]
    public async Task Revalidate_NamesOneLocale_EveryLocale_OrAPrefixedPath()
    {
        Backend.Titles["a"] = "Old";
        foreach (var path in new[] { "/blocking/a", "/fr/blocking/a", "/de/blocking/a" })
        {
            await GetAsync(path);
        }

        Backend.Titles["a"] = "New";
        var french = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}", body: JsonSerializer.Serialize(new { paths = DefaultPath, locale = "fr" }));
        var afterFrench = await BodiesAsync();
        Backend.Titles["a"] = "Newer";
        var prefixed = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}", body: JsonSerializer.Serialize(new { paths = GermanPath }));
        var afterPrefixed = await BodiesAsync();
        Backend.Titles["a"] = "Newest";
        var every = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}", body: JsonSerializer.Serialize(new { paths = DefaultPath, locale = "*" }));
        var afterEvery = await BodiesAsync();
        var unknown = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}", body: JsonSerializer.Serialize(new { paths = DefaultPath, locale = "it" }));

        Assert.Equal(["/fr/blocking/a"], Paths(french.Json));
        Assert.Equal(["Old [en]", "New [fr]", "Old [de]"], afterFrench);
        Assert.Equal(["/de/blocking/a"], Paths(prefixed.Json));
        Assert.Equal(["Old [en]", "New [fr]", "Newer [de]"], afterPrefixed);
        Assert.Equal(["/blocking/a", "/fr/blocking/a", "/de/blocking/a"], Paths(every.Json));
        Assert.Equal(["Newest [en]", "Newest [fr]", "Newest [de]"], afterEvery);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("'it' is not one of the site's locales", unknown.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrefix_NamesTheLocaleAsAPathDoes()
    {
        Backend.Titles["a"] = "Old";
        foreach (var path in new[] { "/blocking/a", "/fr/blocking/a", "/de/blocking/a" })
        {
            await GetAsync(path);
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        Backend.Titles["a"] = "New";
        var french = await Client.RevalidateAsync($"/api/revalidate?secret={Secret}", body: JsonSerializer.Serialize(new { paths = BlockingPrefix, locale = "fr", mode = "expire" }));

        Assert.Equal(HttpStatusCode.OK, french.Status);
        Assert.Equal("/fr/blocking/*", french.Json.GetProperty("prefixes")[0].GetProperty("prefix").GetString());
        Assert.Equal(["Old [en]", "New [fr]", "Old [de]"], await BodiesAsync());
    }

    [Fact]
    public async Task HostConfiguredWithOtherLocalesThanItsPublish_WarnsAtStartup()
    {
        Assert.DoesNotContain(Host.Log.Entries, e => e.EventId == 26);
        var configure = ExtraConfiguration!;
        ExtraConfiguration = options =>
        {
            configure(options);
            options.Locales = ["en", "fr"];
        };

        await RestartAsync();

        var warning = Assert.Single(Host.Log.Entries, e => e.EventId == 26);
        Assert.Contains("published for the locales en,fr,de, default en", warning.Message, StringComparison.Ordinal);
        Assert.Contains("say en,fr, default en", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusRoute_ReadsAPrefixedPathAsThatLocalesPage()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/fr/blocking/a");

        var (_, body) = await GetAsync($"/api/revalidate/status?secret={Secret}&path=/fr/blocking/a");
        var (_, defaultBody) = await GetAsync($"/api/revalidate/status?secret={Secret}&path=/en/blocking/a");

        Assert.Equal("page", JsonDocument.Parse(body).RootElement.GetProperty("state").GetString());
        Assert.Equal("none", JsonDocument.Parse(defaultBody).RootElement.GetProperty("state").GetString());
        Assert.Equal("/blocking/a", JsonDocument.Parse(defaultBody).RootElement.GetProperty("path").GetString());
    }

    private async Task<string[]> BodiesAsync()
    {
        var bodies = new List<string>();
        foreach (var path in new[] { "/blocking/a", "/fr/blocking/a", "/de/blocking/a" })
        {
            var (_, body) = await GetAsync(path);
            var start = body.IndexOf("<h1>", StringComparison.Ordinal) + 4;
            bodies.Add(body[start..body.IndexOf("</h1>", StringComparison.Ordinal)]);
        }

        return [.. bodies];
    }

    private static string[] Paths(JsonElement body) =>
        [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()!)];

    private static GenerationResult.Rendered Rendered(string title) =>
        new(PageEncoder.Encode(System.Text.Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><body><h1>{title}</h1></body></html>")), Revalidate.AfterSeconds(60), []);
}
