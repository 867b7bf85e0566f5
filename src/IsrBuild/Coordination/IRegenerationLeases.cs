namespace IsrBuild.Coordination;

/// <summary>
/// Who regenerates a page. One host needs nothing beyond its own single-flight, so the default grants every
/// request; several hosts sharing a cache (IsrBuild.Redis) grant a path to one host at a time, with a fencing
/// token that the shared store checks, and share a failing page's back-off.
/// </summary>
public interface IRegenerationLeases
{
    /// <summary>
    /// The lease on <paramref name="path"/>, or <see langword="null"/> when another host holds it, or has written a
    /// newer page than the one this host found stale (the fence <paramref name="staleFence"/>). With
    /// <paramref name="wait"/> (on-demand revalidation) it waits, bounded, for the holder to finish, so the render
    /// it then does begins after the call.
    /// </summary>
    /// <param name="path">The page's key.</param>
    /// <param name="wait">Wait for the lease instead of giving up at once.</param>
    /// <param name="staleFence">The fence of the stale page this host holds; <see langword="null"/> for a page it never had or must render anyway.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    ValueTask<RegenerationLease?> AcquireAsync(string path, bool wait, long? staleFence, CancellationToken cancellationToken);

    /// <summary>Who holds the path's lease now (a host id), or <see langword="null"/> when nobody does or the host is alone.</summary>
    /// <param name="path">The page's key.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    ValueTask<string?> HolderAsync(string path, CancellationToken cancellationToken);

    /// <summary>Whether a failed regeneration of <paramref name="path"/>, on any host, asked the others to wait.</summary>
    /// <param name="path">The page's key.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    ValueTask<bool> IsBackingOffAsync(string path, CancellationToken cancellationToken);

    /// <summary>Asks every host to leave <paramref name="path"/> alone for <paramref name="backoff"/>.</summary>
    /// <param name="path">The page's key.</param>
    /// <param name="backoff">How long.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    ValueTask BackOffAsync(string path, TimeSpan backoff, CancellationToken cancellationToken);
}
