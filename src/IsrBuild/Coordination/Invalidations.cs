using System.Collections.Concurrent;

namespace IsrBuild.Coordination;

/// <summary>
/// The invalidation times this host knows, the newest per target, in memory: what makes a page out of date without
/// touching it. A page is out of date when a tag it carries, its path, or a prefix of its path was invalidated after
/// it was written. Telling costs a few dictionary look-ups and no I/O, and callers keep the answer until
/// <see cref="Version"/> moves.
/// </summary>
public sealed class Invalidations
{
    private readonly ConcurrentDictionary<string, Invalidation> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Invalidation> _paths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Invalidation> _prefixes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Invalidation>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private int _version;

    /// <summary>An empty table.</summary>
    public Invalidations() => _prefixLookup = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Moves whenever an invalidation is taken in: an answer computed at one version holds until it moves.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>
    /// Raised after an invalidation made here or on another host was taken in (not for those restored at startup):
    /// caches in front must drop what they hold of its pages.
    /// </summary>
    public event Action<Invalidation>? Applied;

    /// <summary>Every invalidation held, the newest per target.</summary>
    public IReadOnlyList<Invalidation> All => [.. _tags.Values, .. _paths.Values, .. _prefixes.Values];

    /// <summary>
    /// Takes <paramref name="invalidation"/> in, unless the table holds a later one for its target (from this host or
    /// another). Returns whether it changed anything.
    /// </summary>
    /// <param name="invalidation">The invalidation.</param>
    public bool Apply(Invalidation invalidation)
    {
        if (!Restore(invalidation))
        {
            return false;
        }

        Applied?.Invoke(invalidation);
        return true;
    }

    /// <summary>
    /// As <see cref="Apply"/>, without raising <see cref="Applied"/>: for the invalidations read back at startup,
    /// which every cache in front already had purged when they were made.
    /// </summary>
    /// <param name="invalidation">The invalidation.</param>
    public bool Restore(Invalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        var map = invalidation.Scope switch
        {
            InvalidationScope.Tag => _tags,
            InvalidationScope.Path => _paths,
            _ => _prefixes,
        };

        while (true)
        {
            if (map.TryGetValue(invalidation.Target, out var current))
            {
                if (!invalidation.Supersedes(current))
                {
                    return false;
                }

                if (map.TryUpdate(invalidation.Target, invalidation, current))
                {
                    break;
                }
            }
            else if (map.TryAdd(invalidation.Target, invalidation))
            {
                break;
            }
        }

        Interlocked.Increment(ref _version);
        return true;
    }

    /// <summary>
    /// The invalidation that puts <paramref name="page"/> out of date, or <see langword="null"/>: of those made after
    /// it was written, one that expires it if any does, else the latest.
    /// </summary>
    /// <param name="page">The page, as stored.</param>
    public Invalidation? Of(StoredPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Invalidation? found = null;
        if (!_tags.IsEmpty)
        {
            // Indexed: a foreach over the interface would allocate its enumerator on every look-up.
            var tags = page.Tags;
            for (var i = 0; i < tags.Count; i++)
            {
                found = Stronger(found, _tags.TryGetValue(tags[i], out var byTag) ? byTag : null, page);
            }
        }

        if (!_paths.IsEmpty)
        {
            found = Stronger(found, _paths.TryGetValue(page.Path, out var byPath) ? byPath : null, page);
        }

        if (!_prefixes.IsEmpty)
        {
            // Every segment boundary of the key, then the key itself: /, /posts, /posts/42.
            var path = page.Path.AsSpan();
            found = Stronger(found, _prefixLookup.TryGetValue("/", out var root) ? root : null, page);
            for (var end = 1; end < path.Length; end++)
            {
                if (path[end] == '/')
                {
                    found = Stronger(found, _prefixLookup.TryGetValue(path[..end], out var byPrefix) ? byPrefix : null, page);
                }
            }

            if (path.Length > 1)
            {
                found = Stronger(found, _prefixLookup.TryGetValue(path, out var whole) ? whole : null, page);
            }
        }

        return found;
    }

    private static Invalidation? Stronger(Invalidation? found, Invalidation? candidate, StoredPage page)
    {
        if (candidate is null || !page.IsOutdatedBy(candidate.At))
        {
            return found;
        }

        return found is null || candidate.Mode > found.Mode || (candidate.Mode == found.Mode && candidate.At > found.At) ? candidate : found;
    }
}
