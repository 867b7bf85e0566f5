using System.Net;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Store;

namespace IsrBuild.Tests.Store;

/// <summary>A published store cut short (an interrupted rsync): the host starts, warns, and renders the listed pages.</summary>
public sealed class DamagedPublishedStoreTests : ServingTestBase
{
    public DamagedPublishedStoreTests()
    {
        Publish = store => store.Add("/false/listed", "/false/{slug}", new GenerationResult.Rendered(
            PageEncoder.Encode("<!DOCTYPE html><html><body><h1>As published</h1></body></html>"u8.ToArray()), Revalidate.AfterSeconds(60), []));
        BeforeStart = () =>
        {
            var store = Path.Combine(ContentRoot, IsrManifest.FolderName, PageDatabase.PublishedFileName);
            var bytes = File.ReadAllBytes(store);
            File.WriteAllBytes(store, bytes[..(bytes.Length - 4096)]);
        };
    }

    [Fact]
    public async Task TruncatedPublishedStore_IsNotServed_ItsListedPagesRenderOnDemand_AndTheHostWarns()
    {
        Backend.Titles["listed"] = "Rendered again";

        var (listed, body) = await GetAsync("/false/listed");
        var (unlisted, _) = await GetAsync("/false/unlisted");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("MISS", CacheState(listed));
        Assert.Contains("<h1>Rendered again</h1>", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unlisted.StatusCode);
        var warning = Assert.Single(Host.Log.Entries, e => e.EventId == 21);
        Assert.Contains(PageDatabase.PublishedFileName, warning.Message, StringComparison.Ordinal);
    }
}
