using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Serving;

/// <summary>
/// Locales, a base path and the trailing-slash policy compose: every combination serves each page at one canonical
/// URL, redirects the other form there, and answers 404 outside the base.
/// </summary>
public sealed class CanonicalUrlMatrixTests
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public static TheoryData<bool, string?, bool> Combinations()
    {
        var data = new TheoryData<bool, string?, bool>();
        foreach (var locales in new[] { false, true })
        {
            foreach (var basePath in new[] { null, "/docs" })
            {
                foreach (var trailingSlash in new[] { false, true })
                {
                    data.Add(locales, basePath, trailingSlash);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task EachPage_HasOneCanonicalUrl_TheOtherFormRedirectsThere_AndNothingAnswersOutsideTheBase(bool locales, string? basePath, bool trailingSlash)
    {
        using var contentRootFolder = new TemporaryDirectory();
        var contentRoot = contentRootFolder.Path;
        var backend = new TestBackend();
        backend.Titles["a"] = "A";
        backend.Titles["home"] = "Home";
        backend.Redirects["moved"] = "/blocking/a";
        await using var host = await IsrTestHost.StartAsync(contentRoot, backend, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), options =>
        {
            options.RevalidateSecret = Secret;
            options.BasePath = basePath;
            options.TrailingSlash = trailingSlash;
            if (locales)
            {
                options.Locales = ["en", "fr"];
                options.DefaultLocale = "en";
            }
        });
        var client = host.Client;
        var root = basePath ?? string.Empty;
        var slash = trailingSlash ? "/" : string.Empty;
        var other = trailingSlash ? string.Empty : "/";
        var suffix = locales ? " [en]" : string.Empty;

        var canonical = await client.GetAsync($"{root}/blocking/a{slash}");
        var otherForm = await client.GetAsync($"{root}/blocking/a{other}?q=1");
        var redirect = await client.GetAsync($"{root}/blocking/moved{slash}");
        var revalidate = await client.GetAsync($"{root}/api/revalidate?secret={Secret}&path=/blocking/a");

        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.Contains($"<h1>A{suffix}</h1>", await canonical.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PermanentRedirect, otherForm.StatusCode);
        Assert.Equal($"{root}/blocking/a{slash}?q=1", otherForm.Headers.Location!.OriginalString);
        Assert.Equal($"{root}/blocking/a{slash}?q=1", await otherForm.Content.ReadAsStringAsync());
        Assert.Equal($"{root}/blocking/a", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);

        if (locales)
        {
            var french = await client.GetAsync($"{root}/fr/blocking/a{slash}");
            var frenchOther = await client.GetAsync($"{root}/fr/blocking/a{other}");
            var defaultPrefixed = await client.GetAsync($"{root}/en/blocking/a{slash}");
            using var detect = new HttpRequestMessage(HttpMethod.Get, basePath is null ? "/" : $"{root}{slash}");
            detect.Headers.Add("Accept-Language", "fr");
            var detected = await client.SendAsync(detect);

            Assert.Contains("<h1>A [fr]</h1>", await french.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal($"{root}/fr/blocking/a{slash}", frenchOther.Headers.Location!.OriginalString);
            Assert.Equal(canonical.Headers.ETag, defaultPrefixed.Headers.ETag);
            Assert.Equal(HttpStatusCode.TemporaryRedirect, detected.StatusCode);
            Assert.Equal($"{root}/fr{slash}", detected.Headers.Location!.OriginalString);
        }

        if (basePath is not null)
        {
            var baseRoot = await client.GetAsync($"{root}{slash}");
            var baseRootOther = await client.GetAsync($"{root}{other}?q=1");
            Assert.Equal(HttpStatusCode.OK, baseRoot.StatusCode);
            Assert.Equal(HttpStatusCode.PermanentRedirect, baseRootOther.StatusCode);
            Assert.Equal($"{root}{slash}?q=1", baseRootOther.Headers.Location!.OriginalString);

            var outside = await client.GetAsync($"/blocking/a{slash}");
            var outsideRoot = await client.GetAsync("/");
            var outsideRevalidate = await client.GetAsync($"/api/revalidate?secret={Secret}&path=/blocking/a");

            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, outsideRoot.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, outsideRevalidate.StatusCode);
            if (locales)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fr/blocking/a{slash}")).StatusCode);
            }
        }
    }

    [Fact]
    public async Task WithTrailingSlash_AFileLikeLastSegment_KeepsNoSlash_AndItsSlashFormRedirectsToIt()
    {
        using var contentRootFolder = new TemporaryDirectory();
        var contentRoot = contentRootFolder.Path;
        var backend = new TestBackend();
        backend.Titles["hello.world"] = "File-like";
        backend.Titles["a"] = "A";
        await using var host = await IsrTestHost.StartAsync(contentRoot, backend, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), options => options.TrailingSlash = true);

        var fileLike = await host.Client.GetAsync("/blocking/hello.world");
        var fileLikeSlash = await host.Client.GetAsync("/blocking/hello.world/");
        var plain = await host.Client.GetAsync("/blocking/a");

        Assert.Equal(HttpStatusCode.OK, fileLike.StatusCode);
        Assert.Contains("<h1>File-like</h1>", await fileLike.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PermanentRedirect, fileLikeSlash.StatusCode);
        Assert.Equal("/blocking/hello.world", fileLikeSlash.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal("/blocking/a/", plain.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WithABasePath_TheSitesOwnEndpointsAnswerOnlyBeneathIt()
    {
        using var contentRootFolder = new TemporaryDirectory();
        var contentRoot = contentRootFolder.Path;
        await using var host = await IsrTestHost.StartAsync(contentRoot, new TestBackend(), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), options => options.BasePath = "/docs");

        var outside = await host.Client.GetAsync(IsrTestHost.SiteEndpoint);
        var beneath = await host.Client.GetAsync("/docs" + IsrTestHost.SiteEndpoint);

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beneath.StatusCode);
        Assert.Equal("the site's own answer", await beneath.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/docsextra")]
    [InlineData("/en/docs")]
    [InlineData(IsrTestHost.SiteEndpoint)]
    public async Task WithABasePath_APathOutsideIt_GetsTheSitesOwnNotFoundPage_AsNextJsRendersIts404(string path)
    {
        using var contentRootFolder = new TemporaryDirectory();
        var contentRoot = contentRootFolder.Path;
        await using var host = await IsrTestHost.StartAsync(
            contentRoot,
            new TestBackend(),
            new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)),
            options => options.BasePath = "/docs",
            map: app => app.UseStatusCodePages("text/plain", "The site's not-found page: {0}"));

        var outside = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal("The site's not-found page: 404", await outside.Content.ReadAsStringAsync());
    }
}
