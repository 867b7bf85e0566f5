using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// What an anonymous caller can try against the published sample behind the recipe's nginx: locking the CMS out with
/// wrong secrets, purging the edge cache through the public listener, and making one post into endless pages.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class RecipeAttackTests : IDisposable
{
    private const string Secret = "a-recipe-attack-secret-of-at-least-32-characters";

    private readonly TemporaryDirectory _directory = new();
    private readonly PublishedSample _sample;

    public RecipeAttackTests(PublishedSample sample)
    {
        _sample = sample;

        RecipeStack.OpenToNginx(_directory);
    }

    public void Dispose() => _directory.Dispose();

    [NginxFact]
    public async Task FortyWrongSecretsFromOneCaller_ThroughNginx_CountAgainstThatCallersAddressOnly_AndTheRightSecretIsAccepted()
    {
        var (site, nginx) = await StartAsync("secrets");
        using (site)
        using (nginx)
        {
            // Both connect to nginx from loopback addresses of their own; nginx forwards each as X-Forwarded-For.
            using var attacker = RecipeClients.From(nginx.Address, "127.0.0.2");
            using var cms = RecipeClients.From(nginx.Address, "127.0.0.3");
            var answers = new List<HttpStatusCode>();
            for (var attempt = 0; attempt < 40; attempt++)
            {
                using var wrong = await attacker.PostAsync("/api/revalidate?secret=guess&path=/posts/1", null);
                answers.Add(wrong.StatusCode);
            }

            using var cmsWrong = await cms.PostAsync("/api/revalidate?secret=typo&path=/posts/1", null);
            using var cmsRight = await cms.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/1", null);
            using var attackerRight = await attacker.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/1", null);

            Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
            Assert.Equal(10, answers.Count(status => status == HttpStatusCode.Unauthorized));
            Assert.Equal(HttpStatusCode.Unauthorized, cmsWrong.StatusCode);
            Assert.Equal(HttpStatusCode.OK, cmsRight.StatusCode);
            Assert.Equal(HttpStatusCode.OK, attackerRight.StatusCode);
            Assert.Contains("127.0.0.2", site.Output, StringComparison.Ordinal);
        }
    }

    [NginxFact]
    public async Task APurgeThroughThePublicListener_IsRefused_AndTheCachedPageStays()
    {
        var (site, nginx) = await StartAsync("purge");
        using (site)
        using (nginx)
        {
            using var visitor = RecipeClients.From(nginx.Address, localAddress: null);
            using var purge = new HttpRequestMessage(new HttpMethod("PURGE"), "/_purge/posts/2");
            // Regenerated now, the page is fresh for the host's interval (the published copy may be older than its own).
            await visitor.PostAsync($"/api/revalidate?secret={Secret}&path=/posts/2", null);
            await visitor.GetAsync("/posts/2");
            using var held = await visitor.GetAsync("/posts/2");

            using var refused = await visitor.SendAsync(purge);
            using var after = await visitor.GetAsync("/posts/2");
            using var purgeClient = RecipeClients.From(nginx.PurgeAddress, localAddress: null);
            using var ownPurge = await purgeClient.SendAsync(new HttpRequestMessage(new HttpMethod("PURGE"), "/_purge/posts/2"));

            Assert.Equal("HIT", EdgeCache(held));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("HIT", EdgeCache(after));
            Assert.Equal(HttpStatusCode.OK, ownPurge.StatusCode);
        }
    }

    [NginxFact]
    public async Task OtherSpellingsOfAPost_Answer308ToItsOneUrl_AndNothingIsRenderedForThem()
    {
        var (site, nginx) = await StartAsync("spellings");
        using (site)
        using (nginx)
        {
            using var visitor = RecipeClients.From(nginx.Address, localAddress: null);
            string[] spellings = ["/POSTS/1", "/Posts/1", "/pOsTs/1", "/posts/01", "/posts/001", "/posts/+1", "/posts/0000000000001"];
            foreach (var spelling in spellings)
            {
                using var response = await visitor.GetAsync(spelling);

                Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
                Assert.Equal("/posts/1", response.Headers.Location?.OriginalString);
            }

            using var canonical = await visitor.GetAsync("/posts/1");
            Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
            Assert.All(spellings, spelling => Assert.DoesNotContain($"Regenerated {spelling} ", site.Output, StringComparison.Ordinal));
        }
    }

    private Task<(SiteProcess Site, NginxProcess Nginx)> StartAsync(string name) =>
        RecipeStack.StartAsync(_directory, _sample, name, Secret);

    private static string EdgeCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Edge-Cache", out var values) ? values.Single() : "(none)";
}
