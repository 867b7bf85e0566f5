using IsrBuild.Redis.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Redis.Tests;

/// <summary>An endpoint page of the app's own (a minimal API with <c>WithIsr</c>) on several hosts sharing one Redis.</summary>
public sealed class EndpointPagesAcrossHostsTests : SharedCacheTestBase
{
    [RedisFact]
    public async Task AStaleEndpointPage_RequestedOnThreeHosts_IsRenderedOnce_AndEveryHostServesTheNewPage()
    {
        var hosts = new[] { await StartHostAsync(map: Map), await StartHostAsync(map: Map), await StartHostAsync(map: Map) };
        Backend.Titles["e"] = "First";
        await GetAsync(hosts[0], "/shared/e");
        await EveryHostServesAsync(hosts, "/shared/e", "<h1>First</h1>");
        var callsBefore = Backend.Calls("e");

        Backend.Titles["e"] = "Second";
        Clock.Advance(TimeSpan.FromSeconds(11));
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => GetAsync(hosts[i % 3], "/shared/e")));

        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.Response.StatusCode));
        await EveryHostServesAsync(hosts, "/shared/e", "<h1>Second</h1>");
        Assert.Equal(callsBefore + 1, Backend.Calls("e"));
    }

    [RedisFact]
    public async Task RevalidatingAnEndpointPageOnOneHost_ReachesEveryHost()
    {
        var hosts = new[] { await StartHostAsync(map: Map), await StartHostAsync(map: Map) };
        await RevalidateOnFirstHostAsync(hosts, "/shared/", "e");
        Assert.Equal("HIT", CacheState((await GetAsync(hosts[1], "/shared/e")).Response));
    }

    private static void Map(WebApplication app) =>
        app.MapGet("/shared/{slug}", async (string slug, HttpContext context, TestBackend backend) =>
            Results.Content($"<!DOCTYPE html><h1>{await backend.ReadTitleAsync(slug, context.RequestAborted)}</h1>", "text/html"))
            .WithIsr(10);
}
