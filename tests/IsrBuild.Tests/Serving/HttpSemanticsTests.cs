using System.IO.Compression;
using System.Net.Http.Headers;

namespace IsrBuild.Tests.Serving;

public sealed class HttpSemanticsTests : ServingTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Backend.Titles["a"] = string.Concat(Enumerable.Repeat("A title long enough to compress ", 20));
        Backend.Titles["home"] = "Home";
    }

    [Fact]
    public async Task Page_HasHtmlContentTypeStrongETagVaryAndLastModified()
    {
        var (response, body) = await GetAsync("/blocking/a");

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task IfNoneMatch_WithTheCurrentETag_Answers304WithTheCacheHeaders()
    {
        var (first, _) = await GetAsync("/blocking/a");
        var etag = first.Headers.ETag!;

        var (notModified, body) = await GetAsync("/blocking/a", r => r.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(304, (int)notModified.StatusCode);
        Assert.Equal(string.Empty, body);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal("HIT", CacheState(notModified));
        Assert.NotNull(notModified.Headers.CacheControl);
    }

    [Fact]
    public async Task IfNoneMatch_IsIgnoredWhenTheRequestSaysNoCache()
    {
        var (first, _) = await GetAsync("/blocking/a");

        var (response, _) = await GetAsync("/blocking/a", r =>
        {
            r.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            r.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        });

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("identity", null)]
    public async Task AcceptEncoding_PicksThePrecompressedVariant(string acceptEncoding, string? expected)
    {
        var (plain, plainBody) = await GetAsync("/blocking/a");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/blocking/a");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await Client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Stream decoded = expected switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        using var reader = new StreamReader(decoded);
        Assert.Equal(plainBody, await reader.ReadToEndAsync());
        if (expected is not null)
        {
            Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag);
            Assert.True(bytes.Length < plainBody.Length);
        }
    }

    [Fact]
    public async Task Head_SendsTheHeadersWithoutTheBody()
    {
        await GetAsync("/blocking/a");
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/blocking/a"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("HIT", CacheState(response));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_Answer405AllowingGetAndHead(string method)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/blocking/a"));

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Equal(0, Backend.Calls("a"));
    }

    [Fact]
    public async Task QueryString_SharesThePathsEntry_AndATrailingSlashIsRedirectedToTheCanonicalUrl()
    {
        await GetAsync("/blocking/a");

        var (slash, _) = await GetAsync("/blocking/a/?utm_source=mail");
        var (query, _) = await GetAsync("/blocking/a?utm_source=mail");
        var (encoded, _) = await GetAsync("/blocking/first%2Fpost/");

        Assert.Equal(308, (int)slash.StatusCode);
        Assert.Equal("/blocking/a?utm_source=mail", slash.Headers.Location!.OriginalString);
        Assert.Equal("/blocking/first%2Fpost", encoded.Headers.Location!.OriginalString);
        Assert.Equal("HIT", CacheState(query));
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public async Task WithTrailingSlashOn_TheSlashFormIsCanonical_AndServedFromTheSameEntry()
    {
        ExtraConfiguration = options => options.TrailingSlash = true;
        await RestartAsync();

        var (bare, _) = await GetAsync("/blocking/a");
        var (canonical, body) = await GetAsync("/blocking/a/");
        var (root, _) = await GetAsync("/");

        Assert.Equal(308, (int)bare.StatusCode);
        Assert.Equal("/blocking/a/", bare.Headers.Location!.OriginalString);
        Assert.Equal(200, (int)canonical.StatusCode);
        Assert.Contains("<h1>", body, StringComparison.Ordinal);
        Assert.Equal(200, (int)root.StatusCode);
    }

    [Fact]
    public async Task IndexPath_IsTheRootPage()
    {
        await GetAsync("/");

        var (index, body) = await GetAsync("/index");

        Assert.Equal("HIT", CacheState(index));
        Assert.Contains("<h1>Home</h1>", body, StringComparison.Ordinal);
    }
}
