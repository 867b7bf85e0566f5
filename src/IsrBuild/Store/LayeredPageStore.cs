using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Store;

/// <summary>
/// The single-host store: the pages publish wrote (read-only, in the app's <c>isr</c> folder) under the pages
/// regenerated since (writable, in a folder per build id of the cache directory, so a new deployment never serves
/// an older build's pages). A path the regenerated store holds is answered from it; any other from publish's.
/// </summary>
internal sealed class LayeredPageStore(
    PublishedPages published,
    IOptions<IsrOptions> options,
    TimeProvider timeProvider,
    ILogger<LayeredPageStore> logger) : IIsrPageStore, IDisposable
{
    private RegeneratedPages? _regenerated;

    public string BuildId => published.BuildId;

    private RegeneratedPages RegeneratedStore => _regenerated ?? throw new InvalidOperationException("The page store has not been initialized.");

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var buildRoot = options.Value.BuildCacheFolder(published.Root, published.BuildId);
        var cacheRoot = Path.GetDirectoryName(buildRoot)!;
        Directory.CreateDirectory(buildRoot);
        Directory.SetLastWriteTimeUtc(buildRoot, timeProvider.GetUtcNow().UtcDateTime);

        // The newest few builds keep their regenerated pages, so a rollback gets them back; older ones go.
        var older = new DirectoryInfo(cacheRoot).EnumerateDirectories()
            .Where(d => !string.Equals(d.FullName, buildRoot, StringComparison.Ordinal))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(options.Value.KeepBuilds - 1);
        foreach (var other in older)
        {
            other.Delete(recursive: true);
            logger.OldBuildCacheDeleted(other.FullName);
        }

        var publishedBytes = File.Exists(published.StorePath) ? new FileInfo(published.StorePath).Length : 0;
        _regenerated = RegeneratedPages.Open(buildRoot, options.Value.RegeneratedBytesFor(publishedBytes), logger);
        return Task.CompletedTask;
    }

    public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken)
    {
        var page = RegeneratedStore.Get(path, encoding, out var body);
        if (page is { Kind: StoredPageKind.Page } && body is null)
        {
            // A published page refreshed unchanged: the row has new times, and the bytes are publish's.
            body = published.GetBody(path, encoding, page.HashOf(encoding));
        }

        page ??= published.Get(path, encoding, out body);
        return ValueTask.FromResult(page is null ? null : ((StoredPage Page, byte[]? Body)?)(page, body));
    }

    public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RegeneratedStore.Metadata(path) ?? published.Metadata(path));

    public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken)
    {
        var hash = page.HashOf(encoding) ?? string.Empty;
        var body = page.Source == PageSource.Regenerated
            ? RegeneratedStore.GetBody(page.Path, encoding, hash) ?? published.GetBody(page.Path, encoding, hash)
            : published.GetBody(page.Path, encoding);
        return ValueTask.FromResult(body);
    }

    public async Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
    {
        // A path publish never wrote needs no not-found marker: nothing could come back. Not writing one keeps a
        // flood of requests for random paths from filling the disk.
        if (page.Kind == StoredPageKind.NotFound && !published.HasEntry(page.Path))
        {
            await RegeneratedStore.RemoveAsync(page.Path);
            return new PageWriteResult(PageWrite.Shared, Current: null);
        }

        await RegeneratedStore.SetAsync(page, body);
        return new PageWriteResult(PageWrite.Shared, page);
    }

    /// <summary>
    /// A regenerated page's row takes the new times; a page only publish has gets a row of its own without bodies,
    /// whose reads take publish's bytes (the hashes say they are the same).
    /// </summary>
    public async Task<PageWriteResult?> RefreshAsync(StoredPage page, CancellationToken cancellationToken)
    {
        var refreshed = new PageWriteResult(PageWrite.Shared, page);
        if (RegeneratedStore.Contains(page.Path))
        {
            return await RegeneratedStore.RefreshAsync(page) ? refreshed : null;
        }

        if (published.Metadata(page.Path) is not { Kind: StoredPageKind.Page } publishedPage
            || publishedPage.HtmlHash != page.HtmlHash || publishedPage.BrotliHash != page.BrotliHash || publishedPage.GzipHash != page.GzipHash)
        {
            return null;
        }

        await RegeneratedStore.SetAsync(page, body: null);
        return refreshed;
    }

    /// <summary>
    /// The regenerated pages carrying the tag, and the published ones that carry it and were not regenerated since
    /// (a regenerated page's own tags replace its published ones): index look-ups, proportional to the answer.
    /// </summary>
    public Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken)
    {
        var paths = new HashSet<string>(RegeneratedStore.PathsWithTag(tag), StringComparer.Ordinal);
        foreach (var path in published.PathsWithTag(tag))
        {
            if (!RegeneratedStore.Contains(path))
            {
                paths.Add(path);
            }
        }

        return Task.FromResult<IReadOnlyCollection<string>>(paths);
    }

    /// <summary>The paths of every entry at the prefix or below, regenerated or published: key ranges, proportional to the answer.</summary>
    public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var paths = new HashSet<string>(published.PathsUnder(prefix), StringComparer.Ordinal);
        paths.UnionWith(RegeneratedStore.PathsUnder(prefix));
        return Task.FromResult<IReadOnlyCollection<string>>(paths);
    }

    public void Dispose() => _regenerated?.Dispose();
}
