using BenchmarkDotNet.Attributes;
using IsrBuild.Coordination;
using IsrBuild.Serving;

namespace IsrBuild.Bench.Micro;

/// <summary>
/// What a HIT pays to ask whether an invalidation applies, with 10,000 invalidations held: the cached answer (every
/// hit until another invalidation arrives) and the look-up itself (the first hit after one), against a HIT's whole
/// cost in <see cref="HitPathBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class InvalidationCheckBenchmarks
{
    private readonly Invalidations _table = new();
    private ServedPage _served = null!;

    [GlobalSetup]
    public void Setup()
    {
        var written = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10_000; i++)
        {
            var scope = i % 100 == 0 ? InvalidationScope.Prefix : InvalidationScope.Tag;
            _table.Apply(new Invalidation(scope, scope == InvalidationScope.Tag ? $"post:{i}" : $"/posts/{i}", written.AddMinutes(-1), InvalidationMode.Stale));
        }

        _served = new ServedPage(
            new StoredPage { Path = "/posts/1", Route = "/posts/{id}", Kind = StoredPageKind.Page, GeneratedAt = written, Revalidate = 3600, Tags = ["post:1", "posts"] },
            expireSeconds: 31_536_000);
    }

    [Benchmark(Baseline = true)]
    public Invalidation? CachedAnswer() => _served.InvalidatedBy(_table);

    [Benchmark]
    public Invalidation? LookUp() => _table.Of(_served.Stored);
}
