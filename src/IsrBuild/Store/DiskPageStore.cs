using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Store;

/// <summary>
/// The single-host store: the pages publish wrote (read-only, in the app's <c>isr</c> folder) overlaid by the
/// pages regenerated since, in the writable cache directory under a folder per build id, so a new deployment never
/// serves an older build's pages. Each path is one file, written to a temporary name and renamed into place, so a
/// crash never leaves a torn page. The overlay is bounded in bytes, oldest evicted first.
/// </summary>
internal sealed class DiskPageStore : IIsrPageStore
{
    private const string PagesFolder = "pages";
    private const string RemovedFolder = "removed";
    private const string PageExtension = ".page";
    private const string TemporaryMarker = ".tmp-";

    private readonly PublishedManifest _published;
    private readonly ILogger<DiskPageStore> _logger;
    private readonly string _cacheRoot;
    private readonly long _maxBytes;
    private readonly Lazy<Task<TagIndex>> _tags;
    private string _buildRoot = string.Empty;
    private long _bytes;
    private int _evicting;

    public DiskPageStore(PublishedManifest published, IHostEnvironment environment, IOptions<IsrOptions> options, ILogger<DiskPageStore> logger)
    {
        _published = published;
        _logger = logger;
        _cacheRoot = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.CacheDirectory));
        _maxBytes = options.Value.MaxCacheDirectoryBytes;
        _tags = new Lazy<Task<TagIndex>>(() => Task.Run(BuildTagIndexAsync));
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        _buildRoot = Path.Combine(_cacheRoot, _published.BuildId);
        Directory.CreateDirectory(Path.Combine(_buildRoot, PagesFolder));
        Directory.CreateDirectory(Path.Combine(_buildRoot, RemovedFolder));
        foreach (var other in Directory.EnumerateDirectories(_cacheRoot))
        {
            if (!string.Equals(other, _buildRoot, StringComparison.Ordinal))
            {
                Directory.Delete(other, recursive: true);
                _logger.OldBuildCacheDeleted(other);
            }
        }

        // Counting the overlay can take a while with millions of pages; serving does not wait for it.
        _ = Task.Run(ScanOverlay, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task<StoredPage?> GetAsync(string path, CancellationToken cancellationToken)
    {
        var file = PagePath.ToFileName(path);
        var removed = await ReadOverlayAsync(RemovedPath(file), cancellationToken);
        if (removed is not null)
        {
            return removed;
        }

        var regenerated = await ReadOverlayAsync(PagePathOf(file), cancellationToken);
        if (regenerated is not null)
        {
            return regenerated;
        }

        return await ReadPublishedAsync(path, cancellationToken);
    }

    public async Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken) =>
        (await _tags.Value.WaitAsync(cancellationToken)).PathsWith(tag);

    public async Task SetAsync(StoredPage page, CancellationToken cancellationToken)
    {
        await WriteAsync(page, cancellationToken);
        if (_tags.IsValueCreated)
        {
            (await _tags.Value).Set(page.Path, page.Kind == StoredPageKind.Page ? page.Tags : []);
        }
    }

    private async Task WriteAsync(StoredPage page, CancellationToken cancellationToken)
    {
        var file = PagePath.ToFileName(page.Path);
        if (page.Kind == StoredPageKind.NotFound)
        {
            // A path publish never wrote needs no marker: nothing could come back. Not writing one keeps a flood
            // of requests for random paths from filling the disk.
            if (_published.HasEntry(page.Path))
            {
                await WriteAtomicallyAsync(RemovedPath(file), PageFile.Serialize(page), cancellationToken);
            }

            DeleteCounted(PagePathOf(file));
            return;
        }

        Delete(RemovedPath(file));
        await WriteAtomicallyAsync(PagePathOf(file), PageFile.Serialize(page), cancellationToken);
        if (Interlocked.Read(ref _bytes) > _maxBytes && Interlocked.Exchange(ref _evicting, 1) == 0)
        {
            _ = Task.Run(EvictOldest, CancellationToken.None);
        }
    }

    /// <summary>
    /// Built on the first tag revalidation, not at startup, so a host that never revalidates by tag never holds
    /// it: the published pages' tags, overlaid by those of the pages regenerated since and minus the removed ones.
    /// </summary>
    private async Task<TagIndex> BuildTagIndexAsync()
    {
        var index = new TagIndex();
        if (_published.IsLoaded)
        {
            await ManifestReader.ReadTagsAsync(_published.FilePath, index.Set, CancellationToken.None);
        }

        foreach (var folder in new[] { PagesFolder, RemovedFolder })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(_buildRoot, folder), "*" + PageExtension, SearchOption.AllDirectories))
            {
                try
                {
                    if (PageFile.ReadHeader(file) is { } header)
                    {
                        index.Set(header.Path, header.Kind == StoredPageKind.Page ? header.Tags : []);
                    }
                }
                catch (IOException)
                {
                    // Evicted or replaced while the index was built; the write that replaced it updates the index.
                }
            }
        }

        return index;
    }

    private string PagePathOf(string file) => Path.Combine(_buildRoot, PagesFolder, file + PageExtension);

    private string RemovedPath(string file) => Path.Combine(_buildRoot, RemovedFolder, file + PageExtension);

    private async Task<StoredPage?> ReadOverlayAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var page = PageFile.Deserialize(content);
        if (page is null)
        {
            _logger.DamagedPageFileDeleted(path);
            Delete(path);
        }

        return page;
    }

    private async Task<StoredPage?> ReadPublishedAsync(string path, CancellationToken cancellationToken)
    {
        if (_published.TryGetPage(path, out var entry, out var route))
        {
            // Publish writes each page's files where its path says; their hashes (the ETags) are recomputed here
            // rather than held in memory for every page of the manifest.
            var html = Path.Combine(_published.Folder, IsrManifest.PagesFolderName, PagePath.ToFileName(path));
            var body = new EncodedPage(
                await ReadPublishedFileAsync(html, cancellationToken),
                await ReadPublishedFileAsync(html + ".br", cancellationToken),
                await ReadPublishedFileAsync(html + ".gz", cancellationToken));
            return new StoredPage
            {
                Path = path,
                Route = route,
                Kind = StoredPageKind.Page,
                GeneratedAt = _published.GeneratedAt,
                Revalidate = entry.Revalidate,
                Body = body,
            };
        }

        if (_published.RedirectFor(path) is { } redirect)
        {
            return new StoredPage
            {
                Path = path,
                Route = redirect.Route,
                Kind = StoredPageKind.Redirect,
                GeneratedAt = _published.GeneratedAt,
                RedirectDestination = redirect.Destination,
                PermanentRedirect = redirect.Permanent,
            };
        }

        return null;
    }

    private static async Task<PageRepresentation> ReadPublishedFileAsync(string path, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return new PageRepresentation(content, PageEncoder.Hash(content));
    }

    private async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var previous = new FileInfo(path);
        var previousLength = previous.Exists ? previous.Length : 0;
        var temporary = path + TemporaryMarker + Guid.NewGuid().ToString("N");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            Delete(temporary);
            throw;
        }

        Interlocked.Add(ref _bytes, content.Length - previousLength);
    }

    private void ScanOverlay()
    {
        try
        {
            long total = 0;
            foreach (var file in new DirectoryInfo(Path.Combine(_buildRoot, PagesFolder)).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name.Contains(TemporaryMarker, StringComparison.Ordinal))
                {
                    // Left by a process that stopped mid-write; the page it was writing was never renamed into place.
                    file.Delete();
                    continue;
                }

                total += file.Length;
            }

            Interlocked.Add(ref _bytes, total);
        }
        catch (IOException exception)
        {
            _logger.CacheScanFailed(_buildRoot, exception);
        }
    }

    private void EvictOldest()
    {
        try
        {
            // One eviction at a time: SetAsync starts this only when it wins the _evicting flag.
            var target = _maxBytes * 9 / 10;
            var files = new DirectoryInfo(Path.Combine(_buildRoot, PagesFolder))
                .EnumerateFiles("*" + PageExtension, SearchOption.AllDirectories)
                .OrderBy(f => f.LastWriteTimeUtc);
            var evicted = 0;
            foreach (var file in files)
            {
                if (Interlocked.Read(ref _bytes) <= target)
                {
                    break;
                }

                var length = file.Length;
                file.Delete();
                Interlocked.Add(ref _bytes, -length);
                evicted++;
            }

            _logger.CacheEvicted(evicted, Interlocked.Read(ref _bytes));
        }
        catch (IOException exception)
        {
            _logger.CacheScanFailed(_buildRoot, exception);
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }

    private void DeleteCounted(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists)
        {
            var length = file.Length;
            Delete(path);
            Interlocked.Add(ref _bytes, -length);
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
