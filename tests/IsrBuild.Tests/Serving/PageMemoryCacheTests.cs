using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Serving;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Serving;

public sealed class PageMemoryCacheTests
{
    private const int BodyBytes = 10_000;

    private readonly PageChanges _changes = new();
    private readonly PageMemoryCache _memory;

    public PageMemoryCacheTests() =>
        _memory = new PageMemoryCache(Options.Create(new IsrOptions { MemoryCacheBytes = 1 << 20 }), new FakeTimeProvider(), _changes);

    [Fact]
    public void OnlyTheRepresentationsAskedFor_AreHeld_AndCharged()
    {
        var page = _memory.Set(Page("/a"), body: null, isTransient: false);
        _memory.Hold(page, PageEncoding.Brotli, new byte[BodyBytes]);

        Assert.NotNull(page.BodyOf(PageEncoding.Brotli));
        Assert.Null(page.BodyOf(PageEncoding.Identity));
        Assert.Equal(ServedPage.Overhead + BodyBytes, _memory.Bytes);
    }

    [Fact]
    public void PageRegeneratedHere_KeepsTheRepresentationsTheReplacedEntryHeld()
    {
        var old = _memory.Set(Page("/a"), body: null, isTransient: false);
        _memory.Hold(old, PageEncoding.Gzip, new byte[BodyBytes]);

        var fresh = _memory.Set(Page("/a"), PageEncoder.Encode(new byte[BodyBytes]), isTransient: false);

        Assert.NotNull(fresh.BodyOf(PageEncoding.Gzip));
        Assert.Null(fresh.BodyOf(PageEncoding.Identity));
    }

    [Fact]
    public void OnceFull_APageAskedForOnce_IsNotAdmitted_AndOneAskedForTwice_Is()
    {
        for (var i = 0; _memory.Bytes < (1 << 20) * 9 / 10; i++)
        {
            Assert.True(_memory.Admits($"/fill/{i}"));
            _memory.Hold(_memory.Set(Page($"/fill/{i}"), body: null, isTransient: false), PageEncoding.Identity, new byte[BodyBytes]);
        }

        Assert.False(_memory.Admits("/scanned-once"));
        Assert.False(_memory.Admits("/popular"));
        Assert.True(_memory.Admits("/popular"));
    }

    [Fact]
    public void PastTheBudget_UnusedEntriesAreEvicted_AndARecentlyHitOneSurvives()
    {
        var first = _memory.Set(Page("/first"), body: null, isTransient: false);
        _memory.Hold(first, PageEncoding.Identity, new byte[BodyBytes]);
        for (var i = 0; i < 200; i++)
        {
            _memory.TryGet("/first", out _);
            _memory.Hold(_memory.Set(Page($"/p/{i}"), body: null, isTransient: false), PageEncoding.Identity, new byte[BodyBytes]);
        }

        Assert.True(_memory.Bytes <= 1 << 20);
        Assert.True(_memory.TryGet("/first", out _));
        Assert.False(_memory.TryGet("/p/0", out _));
    }

    [Fact]
    public void PageChangedElsewhere_IsDroppedFromMemory()
    {
        _memory.Set(Page("/a"), body: null, isTransient: false);

        _changes.Raise("/a");

        Assert.False(_memory.TryGet("/a", out _));
    }

    private static StoredPage Page(string path) => new()
    {
        Path = path,
        Route = "/{x}",
        Kind = StoredPageKind.Page,
        GeneratedAt = DateTimeOffset.UnixEpoch,
        HtmlHash = "h",
        BrotliHash = "b",
        GzipHash = "g",
    };
}
