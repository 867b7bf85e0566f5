using BenchmarkDotNet.Attributes;
using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Bench.Micro;

/// <summary>One request for a fresh page held in memory, through IsrBuild's handler, as Kestrel would call it.</summary>
[MemoryDiagnoser]
public class HitPathBenchmarks
{
    private WebApplication _app = null!;
    private PageRequestPipeline _handler = null!;
    private PageDescriptor _page = null!;

    [Params("identity", "br")]
    public string Encoding { get; set; } = "identity";

    /// <summary>
    /// How many invalidations the host holds, all made before the page was written (so it stays a HIT): with 10,000,
    /// every hit asks whether one applies, as on a site whose CMS invalidates a tag per post.
    /// </summary>
    [Params(0, 10_000)]
    public int HeldInvalidations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _app = BenchHost.Create();
        _handler = _app.Services.GetRequiredService<PageRequestPipeline>();
        _page = _app.Services.GetRequiredService<PageCatalog>().Pages.Single();
        var body = PageEncoder.Encode(System.Text.Encoding.UTF8.GetBytes(new string('x', 9_700)));
        var memory = _app.Services.GetRequiredService<PageMemoryCache>();
        var written = DateTimeOffset.UtcNow;
        var table = _app.Services.GetRequiredService<Invalidations>();
        for (var i = 0; i < HeldInvalidations; i++)
        {
            var scope = i % 100 == 0 ? InvalidationScope.Prefix : InvalidationScope.Tag;
            table.Apply(new Invalidation(scope, scope == InvalidationScope.Tag ? $"post:{i}" : $"/posts/{i}", written.AddMinutes(-1), InvalidationMode.Stale));
        }

        var served = memory.Set(
            new GenerationResult.Rendered(body, Revalidate.AfterSeconds(3600), ["post:1", "posts"]).ToStoredPage("/posts/1", _page.Route.Template, written),
            body: null,
            isTransient: false);
        memory.Hold(served, PageEncoding.Identity, body.Html.Content);
        memory.Hold(served, PageEncoding.Brotli, body.Brotli.Content);
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task Hit()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/posts/1";
        context.Request.Headers.AcceptEncoding = Encoding == "br" ? "gzip, deflate, br" : string.Empty;
        context.Response.Body = Stream.Null;
        return _handler.HandleAsync(context, _page);
    }
}
