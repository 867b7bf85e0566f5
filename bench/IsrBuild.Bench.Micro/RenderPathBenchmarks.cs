using BenchmarkDotNet.Attributes;
using IsrBuild.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Bench.Micro;

/// <summary>Generating one post as publish and regeneration do: static props, RazorLight, Brotli, gzip, hashes.</summary>
[MemoryDiagnoser]
public class RenderPathBenchmarks
{
    private static readonly Dictionary<string, string> RouteValues = new() { ["id"] = "42" };
    private WebApplication _app = null!;
    private PageGenerator _generator = null!;
    private PageDescriptor _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = BenchHost.Create();
        _generator = _app.Services.GetRequiredService<PageGenerator>();
        _page = _app.Services.GetRequiredService<PageCatalog>().Pages.Single();
        _ = Generate().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    // The results are internal types: returned as object so BenchmarkDotNet keeps them alive.
    [Benchmark]
    public async Task<object> Generate() =>
        await _generator.GenerateAsync(_page, "/posts/42", RouteValues, GenerationReason.Publish, CancellationToken.None);

    [Benchmark]
    public object EncodeOnly() => PageEncoder.Encode(Html);

    private static readonly byte[] Html = System.Text.Encoding.UTF8.GetBytes(string.Concat(PostModel.Create(42).Paragraphs.Select(p => "<p>" + p + "</p>\n")));
}
