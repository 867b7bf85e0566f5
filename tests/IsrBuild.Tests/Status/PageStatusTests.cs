using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IsrBuild.Tests.Status;

/// <summary><c>GET /api/revalidate/status?path=...</c>: why a page is what it is, in one call, behind the secret.</summary>
public sealed class PageStatusTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public PageStatusTests() => ExtraConfiguration = options => options.RevalidateSecret = Secret;

    [Fact]
    public async Task RegeneratedPage_ReportsItsSourceTimeIntervalTagsAndHash_ThenThatItIsStale()
    {
        Backend.Titles["a"] = "A";
        var (page, _) = await GetAsync("/blocking/a");

        var (status, fresh) = await StatusAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(11));
        var (_, stale) = await StatusAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/blocking/{slug}", fresh.GetProperty("route").GetString());
        Assert.Equal("page", fresh.GetProperty("state").GetString());
        Assert.Equal("regenerated", fresh.GetProperty("source").GetString());
        Assert.Equal(Clock.GetUtcNow().AddSeconds(-11), fresh.GetProperty("generatedAt").GetDateTimeOffset());
        Assert.Equal(10, fresh.GetProperty("revalidateSeconds").GetInt32());
        Assert.False(fresh.GetProperty("stale").GetBoolean());
        Assert.Equal(["item:a", "items"], fresh.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(page.Headers.ETag!.Tag.Trim('"'), fresh.GetProperty("hash").GetString());
        Assert.Equal("idle", fresh.GetProperty("regeneration").GetString());
        Assert.True(stale.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task FailingRegeneration_ReportsTheLastFailureAndTheNextRetry()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/blocking/a");
        Backend.Failing["a"] = true;
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/a");

        await Eventually.TrueAsync(async () => (await StatusAsync("/blocking/a")).Body.TryGetProperty("lastFailure", out _), "the failure is reported");
        var (_, body) = await StatusAsync("/blocking/a");

        Assert.Contains("The backend is down for a.", body.GetProperty("lastFailure").GetString(), StringComparison.Ordinal);
        Assert.Equal(Clock.GetUtcNow().AddSeconds(10), body.GetProperty("nextRetryAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task RegenerationUnderWay_IsReportedAsRunning()
    {
        Backend.Titles["a"] = "A";
        await GetAsync("/blocking/a");
        Backend.CloseGate();
        Clock.Advance(TimeSpan.FromSeconds(11));
        await GetAsync("/blocking/a");

        await Eventually.TrueAsync(async () => (await StatusAsync("/blocking/a")).Body.GetProperty("regeneration").GetString() == "running", "the regeneration is reported running");
        Backend.OpenGate();
    }

    [Fact]
    public async Task NeverGeneratedPath_IsReportedAsNone_AndAPathNoRouteMatches_As404()
    {
        var (status, body) = await StatusAsync("/blocking/never");
        var (unmatched, _) = await StatusAsync("/no/such/route/here");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("none", body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unmatched);
    }

    [Fact]
    public async Task MissingOrUnsafePath_Is400WithAMessage()
    {
        var (missing, missingBody) = await StatusAsync(string.Empty);
        var (unsafePath, _) = await StatusAsync("/blocking/../etc");

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.False(string.IsNullOrEmpty(missingBody.GetProperty("message").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unsafePath);
    }

    [Fact]
    public async Task WithoutTheSecret_TheStatusIs401()
    {
        var response = await Client.GetAsync("/api/revalidate/status?path=/blocking/a");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> StatusAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/revalidate/status?path={Uri.EscapeDataString(path)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var response = await Client.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
