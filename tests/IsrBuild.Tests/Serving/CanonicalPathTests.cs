using System.Net;
using System.Text.Json;

namespace IsrBuild.Tests.Serving;

/// <summary>
/// One page, one URL: another spelling of a page's path (the route's literal in another case, a typed value with
/// leading zeros or a sign) is sent to the canonical path before anything is looked up or rendered, so an attacker
/// cannot make one page into endless pages.
/// </summary>
public sealed class CanonicalPathTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public CanonicalPathTests() => ExtraConfiguration = options => options.RevalidateSecret = Secret;

    [Theory]
    [InlineData("/NUMBERED/1")]
    [InlineData("/Numbered/1")]
    [InlineData("/nUmBeReD/1")]
    [InlineData("/numbered/01")]
    [InlineData("/numbered/001")]
    [InlineData("/numbered/+1")]
    [InlineData("/numbered/0000000000001")]
    public async Task AnotherSpellingOfAPath_Answers308ToTheCanonicalPath_AndNothingIsRenderedOrStored(string spelling)
    {
        Backend.Titles["n1"] = "One";

        var (response, _) = await GetAsync(spelling + "?ref=mail");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("/numbered/1?ref=mail", response.Headers.Location?.OriginalString);
        Assert.Equal(0, Backend.Calls("n1"));
        Assert.Equal(0, RegeneratedRows());
    }

    [Fact]
    public async Task TheCanonicalPath_IsServed_AndOnlyItIsStored()
    {
        Backend.Titles["n1"] = "One";

        var (first, body) = await GetAsync("/numbered/1");
        await GetAsync("/numbered/01");
        await GetAsync("/NUMBERED/1");
        var (second, _) = await GetAsync("/numbered/1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("<h1>One</h1>", body, StringComparison.Ordinal);
        Assert.Equal("HIT", CacheState(second));
        Assert.Equal(1, Backend.Calls("n1"));
        Assert.Equal(1, RegeneratedRows());
    }

    [Fact]
    public async Task AStringRouteValue_KeepsItsCase_AsASlugsCaseMayMatter()
    {
        Backend.Titles["Hello"] = "Upper";
        Backend.Titles["hello"] = "Lower";

        var (upper, upperBody) = await GetAsync("/blocking/Hello");
        var (lower, lowerBody) = await GetAsync("/blocking/hello");

        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Contains("Upper", upperBody, StringComparison.Ordinal);
        Assert.Contains("Lower", lowerBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARouteLiteralInAnotherCase_BeforeAStringValue_RedirectsAndKeepsTheValue()
    {
        Backend.Titles["Hello"] = "Upper";

        var (response, _) = await GetAsync("/BLOCKING/Hello");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("/blocking/Hello", response.Headers.Location?.OriginalString);
        Assert.Equal(0, Backend.Calls("Hello"));
    }

    [Fact]
    public async Task RevalidatingAnotherSpelling_RevalidatesTheCanonicalPage()
    {
        Backend.Titles["n1"] = "Before";
        await GetAsync("/numbered/1");
        Backend.Titles["n1"] = "After";

        using var response = await Client.GetAsync($"/api/revalidate?secret={Secret}&path=/NUMBERED/01");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var (page, body) = await GetAsync("/numbered/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/numbered/1", Assert.Single(json.GetProperty("results").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal("HIT", CacheState(page));
        Assert.Contains("<h1>After</h1>", body, StringComparison.Ordinal);
        Assert.Equal(1, RegeneratedRows());
    }

    [Fact]
    public async Task WithCanonicalPathsOff_EachSpellingIsAPageOfItsOwn()
    {
        ExtraConfiguration = options => options.CanonicalPaths = false;
        await RestartAsync();
        Backend.Titles["n01"] = "Zero one";

        var (response, body) = await GetAsync("/numbered/01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Zero one</h1>", body, StringComparison.Ordinal);
    }
}
