using IsrBuild.Store;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IsrBuild.Serving;

/// <summary>
/// The pages held in memory, bounded in bytes (<see cref="IsrOptions.MemoryCacheBytes"/>) with the least recently
/// used evicted first. A page that leaves memory is read from the store again on its next request.
/// </summary>
internal sealed class PageMemoryCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _notFoundLifetime;

    public PageMemoryCache(IOptions<IsrOptions> options, TimeProvider timeProvider)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MemoryCacheBytes, CompactionPercentage = 0.1 });
        _timeProvider = timeProvider;
        _notFoundLifetime = TimeSpan.FromSeconds(options.Value.NotFoundCacheSeconds);
    }

    public bool TryGet(string path, out ServedPage page)
    {
        if (!_cache.TryGetValue(path, out page!))
        {
            return false;
        }

        if (page.ExpiresAt is { } expiresAt && _timeProvider.GetUtcNow() >= expiresAt)
        {
            _cache.Remove(path);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Holds <paramref name="stored"/> for its path. A not-found for a path publish never wrote is only remembered
    /// for <see cref="IsrOptions.NotFoundCacheSeconds"/>: it is the one kind of entry anyone can create by asking.
    /// </summary>
    public ServedPage Set(StoredPage stored, bool isTransient)
    {
        var page = new ServedPage(stored, isTransient ? _timeProvider.GetUtcNow() + _notFoundLifetime : null);
        using var entry = _cache.CreateEntry(stored.Path);
        entry.Value = page;
        entry.Size = stored.Size;
        return page;
    }

    public void Dispose() => _cache.Dispose();
}
