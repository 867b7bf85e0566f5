using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Store;

/// <summary>
/// The cache folder on a small disk that fills up: pages keep answering with a page no older than the last one
/// served, the revalidate route says in JSON what it could not keep, and ISR resumes once there is room.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private const string Secret = "a-full-disk-secret-of-at-least-32-characters";

    private readonly TemporaryDirectory _contentRoot = new();
    private readonly TestBackend _backend = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _contentRoot.Dispose();

    [SmallDiskFact]
    public async Task AFullCacheFolder_PagesStillAnswer_RevalidationAnswers500Json_AndIsrResumesWithRoom()
    {
        using var disk = SmallDisk.Mount(Path.Combine(_contentRoot.Path, "cache"), kilobytes: 2048);
        _backend.Titles["a"] = "Kept before";
        _backend.Titles["b"] = "Kept before";
        var host = await StartAsync();
        try
        {
            await GetAsync(host, "/blocking/a");
            await GetAsync(host, "/blocking/b");
            disk.Fill();
            _backend.Titles["a"] = "Not kept";

            var (pathStatus, pathAnswer) = await host.Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret);
            var (staleStatus, staleAnswer) = await host.Client.RevalidateAsync("/api/revalidate?tag=items&mode=stale", Secret);

            Assert.Equal(HttpStatusCode.InternalServerError, pathStatus);
            Assert.False(pathAnswer.GetProperty("revalidated").GetBoolean());
            var failed = Assert.Single(pathAnswer.GetProperty("results").EnumerateArray());
            Assert.Equal("/blocking/a", failed.GetProperty("path").GetString());
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains("could not keep", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains(host.Log.AllEntries, entry => entry.EventId == 19);
            Assert.Equal(HttpStatusCode.InternalServerError, staleStatus);
            Assert.False(staleAnswer.GetProperty("revalidated").GetBoolean());
            Assert.Contains("not recorded", staleAnswer.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("items", staleAnswer.GetProperty("message").GetString(), StringComparison.Ordinal);
            await EveryAnswerIsAPageAsync(host, "Kept before");

            // Restarted on the full disk.
            await host.DisposeAsync();
            host = await StartAsync();
            await EveryAnswerIsAPageAsync(host, "Kept before", "Not kept");

            // Room again: no restart needed.
            disk.Free();
            _backend.Titles["a"] = "After the room";
            var (status, _) = await host.Client.RevalidateAsync("/api/revalidate?path=/blocking/a", Secret);
            var (page, body) = await GetAsync(host, "/blocking/a");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("HIT", page.Headers.GetValues(CacheHeader).Single());
            Assert.Contains("<h1>After the room</h1>", body, StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private Task<IsrTestHost> StartAsync() =>
        IsrTestHost.StartAsync(_contentRoot.Path, _backend, _clock, options => options.RevalidateSecret = Secret);

    /// <summary>Every page answers 200 with one of <paramref name="titles"/>: never an error, never an older page.</summary>
    private static async Task EveryAnswerIsAPageAsync(IsrTestHost host, params string[] titles)
    {
        foreach (var path in new[] { "/blocking/a", "/blocking/b", "/blocking/a", "/blocking/b" })
        {
            var (response, body) = await GetAsync(host, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(titles, title => body.Contains($"<h1>{title}</h1>", StringComparison.Ordinal));
        }
    }

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(IsrTestHost host, string path)
    {
        var response = await host.Client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }
}
