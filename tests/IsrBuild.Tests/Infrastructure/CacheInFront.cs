using System.Collections.Concurrent;
using System.Net;
using IsrBuild.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Tests.Infrastructure;

/// <summary>
/// The purge location of a cache in front, as a real Kestrel listener on 127.0.0.1: it keeps every purge request it
/// receives and answers as the test tells it (a status, or never). The end-to-end tests purge a real nginx; this one
/// lets a test make the cache fail in the ways nginx fails only by accident.
/// </summary>
internal sealed class CacheInFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<PurgeRequest> _received;

    private CacheInFront(WebApplication app, ConcurrentQueue<PurgeRequest> received, string purgeUrl)
    {
        _app = app;
        _received = received;
        PurgeUrl = purgeUrl;
    }

    /// <summary>The prefix IsrBuild is given in <c>Isr:EdgePurge:Urls</c>.</summary>
    public string PurgeUrl { get; }

    /// <summary>The purge requests received so far, in order.</summary>
    public IReadOnlyList<PurgeRequest> Received => [.. _received];

    /// <summary>Starts a cache in front that answers every purge with <paramref name="status"/>, or, when <see langword="null"/>, never answers.</summary>
    public static async Task<CacheInFront> StartAsync(HttpStatusCode? status = HttpStatusCode.OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var received = new ConcurrentQueue<PurgeRequest>();
        app.Run(async context =>
        {
            received.Enqueue(new PurgeRequest(context.Request.Method, context.Request.Path, context.Request.Headers.AcceptEncoding.ToString()));
            if (status is { } answer)
            {
                context.Response.StatusCode = (int)answer;
                return;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new CacheInFront(app, received, address + "/_purge");
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    /// <summary>One purge request: its method, path and <c>Accept-Encoding</c> (empty when it sent none).</summary>
    public sealed record PurgeRequest(string Method, string Path, string AcceptEncoding);
}
