namespace IsrBuild.Serving;

/// <summary>
/// TinyLFU's "doorkeeper": once memory is full, a page read from the store is kept only if it was asked for once
/// already within the recent window. A scan over more pages than memory holds then leaves memory alone, instead of
/// evicting every page for one that will not be asked for again before it is evicted in turn (the collapse a
/// plain LRU shows when a site has more pages than memory).
/// </summary>
internal sealed class AdmissionFilter
{
    private const int Bits = 1 << 22;

    private readonly long[] _bits = new long[Bits / 64];
    private int _recorded;

    /// <summary>Whether <paramref name="path"/> was seen in the window; records it when it was not.</summary>
    /// <param name="path">The page's key.</param>
    /// <param name="window">How many first sightings the window holds before it starts afresh.</param>
    public bool SeenBefore(string path, int window)
    {
        var hash = (uint)string.GetHashCode(path, StringComparison.Ordinal);
        var first = hash % Bits;
        var second = ((hash >> 16) | (hash << 16)) * 0x9E3779B1u % Bits;
        if (IsSet(first) && IsSet(second))
        {
            return true;
        }

        Set(first);
        Set(second);
        if (Interlocked.Increment(ref _recorded) >= window)
        {
            // Races here only forget a few sightings early: the window is a heuristic, not a count.
            Interlocked.Exchange(ref _recorded, 0);
            Array.Clear(_bits);
        }

        return false;
    }

    private bool IsSet(uint bit) => (Volatile.Read(ref _bits[bit >> 6]) & (1L << (int)(bit & 63))) != 0;

    private void Set(uint bit) => Interlocked.Or(ref _bits[bit >> 6], 1L << (int)(bit & 63));
}
