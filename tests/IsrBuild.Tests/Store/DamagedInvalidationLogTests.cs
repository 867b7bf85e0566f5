using System.Net;
using System.Net.Http.Headers;

namespace IsrBuild.Tests.Store;

/// <summary>An invalidation log that cannot be read: the host starts, warns, and records the invalidations made from then on.</summary>
public sealed class DamagedInvalidationLogTests : ServingTestBase
{
    private const string Secret = "a-test-secret-that-is-at-least-32-characters";

    public DamagedInvalidationLogTests()
    {
        ExtraConfiguration = options => options.RevalidateSecret = Secret;
        BeforeStart = () =>
        {
            var file = Path.Combine(ContentRoot, "cache", "invalidations.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "not a SQLite database, as after a disk fault");
        };
    }

    [Fact]
    public async Task DamagedLog_IsStartedAfresh_WithAWarning_AndKeepsTheInvalidationsMadeAfter()
    {
        Backend.Titles["a"] = "Old a";
        await GetAsync("/blocking/a");
        Clock.Advance(TimeSpan.FromSeconds(1));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?tag=item:a&mode=stale");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var answer = await Client.SendAsync(request);
        var warned = Host.Log.Entries.Any(e => e.EventId == 30);
        BeforeStart = null;
        await RestartAsync();
        var (response, _) = await GetAsync("/blocking/a");

        Assert.True(warned, "the damaged log is reported (event 30)");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("STALE", CacheState(response));
    }
}
