using System.Collections.Concurrent;
using IsrBuild.Coordination;
using Microsoft.Extensions.Options;

namespace IsrBuild.Serving;

/// <summary>
/// The pages held in memory, bounded in bytes (<see cref="IsrOptions.MemoryCacheBytes"/>). A hit is one dictionary
/// look-up and, at most, one flag write; eviction is CLOCK (second chance): entries leave in the order they came
/// unless a hit since the last sweep saves them. Only the representations clients asked for are held.
/// </summary>
internal sealed class PageMemoryCache
{
    private readonly ConcurrentDictionary<string, ServedPage> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _clock = new();
    private readonly AdmissionFilter _admission = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _notFoundLifetime;
    private readonly long _budget;
    private readonly int _expireSeconds;
    private readonly string? _cdnTagHeader;
    private long _bytes;
    private int _evicting;

    public PageMemoryCache(IOptions<IsrOptions> options, TimeProvider timeProvider, PageChanges changes)
    {
        changes.Changed += Apply;
        _timeProvider = timeProvider;
        _budget = options.Value.MemoryCacheBytes;
        _expireSeconds = options.Value.ExpireSeconds;
        _cdnTagHeader = options.Value.CdnTagHeader;
        _notFoundLifetime = TimeSpan.FromSeconds(options.Value.NotFoundCacheSeconds);
    }

    /// <summary>Bytes held: bodies plus a fixed allowance per entry.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(string path, out ServedPage page)
    {
        if (!_entries.TryGetValue(path, out page!))
        {
            return false;
        }

        if (page.ExpiresAt is { } expiresAt && _timeProvider.GetUtcNow() >= expiresAt)
        {
            Remove(path, page);
            return false;
        }

        // Written only when clear, so a hot entry's cache line is not dirtied by every hit.
        if (page.Referenced == 0)
        {
            page.Referenced = 1;
        }

        return true;
    }

    /// <summary>
    /// Whether a page just read from the store should be kept: always while memory has room; once it is full, only a
    /// page asked for before in the recent window (as many first sightings as memory holds entries).
    /// </summary>
    public bool Admits(string path) =>
        Bytes < _budget * 9 / 10 || _admission.SeenBefore(path, Math.Max(4096, _entries.Count));

    /// <summary>
    /// Holds <paramref name="stored"/> for its path, replacing what memory had. From <paramref name="body"/> (a page
    /// just generated) it keeps the representations the replaced entry held: the ones clients ask for; without one,
    /// the replaced entry's bytes of the same hashes. A not-found
    /// for a path publish never wrote is only remembered for <see cref="IsrOptions.NotFoundCacheSeconds"/>: it is
    /// the one kind of entry anyone can create by asking.
    /// </summary>
    public ServedPage Set(StoredPage stored, EncodedPage? body, bool isTransient)
    {
        var page = new ServedPage(stored, _expireSeconds, isTransient ? _timeProvider.GetUtcNow() + _notFoundLifetime : null, _cdnTagHeader);
        var previous = _entries.TryGetValue(stored.Path, out var old) ? old : null;
        if (previous is not null && stored.Kind == StoredPageKind.Page)
        {
            foreach (var encoding in (ReadOnlySpan<PageEncoding>)[PageEncoding.Identity, PageEncoding.Brotli, PageEncoding.Gzip])
            {
                if (previous.BodyOf(encoding) is not { } held)
                {
                    continue;
                }

                // Without new bytes (a page refreshed unchanged), the held ones serve on if they are the same version.
                if (body is not null)
                {
                    page.Hold(encoding, body[encoding].Content);
                }
                else if (previous.Stored.HashOf(encoding) == stored.HashOf(encoding))
                {
                    page.Hold(encoding, held);
                }
            }
        }

        _entries[stored.Path] = page;
        if (previous is null)
        {
            _clock.Enqueue(stored.Path);
        }
        else
        {
            Release(previous);
        }

        Interlocked.Add(ref _bytes, page.Size);
        EvictIfOver();
        return page;
    }

    /// <summary>An entry for one response that memory does not keep.</summary>
    public ServedPage Unheld(StoredPage stored) => new(stored, _expireSeconds, cdnTagHeader: _cdnTagHeader) { Evicted = true };

    /// <summary>Adds the bytes of <paramref name="encoding"/> to an entry memory holds.</summary>
    public void Hold(ServedPage page, PageEncoding encoding, byte[] body)
    {
        lock (page)
        {
            var added = page.Hold(encoding, body);
            if (!page.Evicted)
            {
                Interlocked.Add(ref _bytes, added);
            }
        }

        EvictIfOver();
    }

    private void Apply(PageChange change)
    {
        if (change.State is { } state)
        {
            Set(state, change.Body, change.IsTransient);
        }
        else
        {
            Forget(change.Path);
        }
    }

    /// <summary>Lets go of whatever memory holds for <paramref name="path"/>: its page changed elsewhere.</summary>
    private void Forget(string path)
    {
        if (_entries.TryRemove(path, out var page))
        {
            Release(page);
        }
    }

    /// <summary>Lets go of the path's entry, if it is still <paramref name="page"/>.</summary>
    public void Remove(string path, ServedPage page)
    {
        if (_entries.TryRemove(new KeyValuePair<string, ServedPage>(path, page)))
        {
            Release(page);
        }
    }

    private void Release(ServedPage page)
    {
        lock (page)
        {
            if (!page.Evicted)
            {
                page.Evicted = true;
                Interlocked.Add(ref _bytes, -page.Size);
            }
        }
    }

    private void EvictIfOver()
    {
        if (Bytes <= _budget || Interlocked.Exchange(ref _evicting, 1) == 1)
        {
            return;
        }

        try
        {
            // Down to 90 %, so eviction runs once per many insertions rather than on each.
            var target = _budget * 9 / 10;
            var examined = 0;
            var limit = 2 * (_clock.Count + 1);
            while (Bytes > target && examined++ < limit && _clock.TryDequeue(out var path))
            {
                if (!_entries.TryGetValue(path, out var page))
                {
                    continue;
                }

                if (page.Referenced == 1)
                {
                    page.Referenced = 0;
                    _clock.Enqueue(path);
                    continue;
                }

                if (_entries.TryRemove(new KeyValuePair<string, ServedPage>(path, page)))
                {
                    Release(page);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }
}
