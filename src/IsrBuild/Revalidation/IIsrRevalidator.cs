namespace IsrBuild;

/// <summary>
/// Revalidates pages on demand from the site's own code (after an admin edit, say), with the same semantics as the
/// revalidate route.
/// </summary>
public interface IIsrRevalidator
{
    /// <summary>
    /// Regenerates <paramref name="paths"/> and every page carrying one of <paramref name="tags"/> before it returns,
    /// from data read after the call began (mode <see cref="RevalidationMode.Now"/>).
    /// </summary>
    /// <param name="paths">Absolute local paths (see the other overload); a path ending in <c>/*</c> names a prefix.</param>
    /// <param name="tags">Tags, such as <c>post:42</c>.</param>
    /// <param name="cancellationToken">Stops waiting; generations already started still finish.</param>
    Task<RevalidationResult> RevalidateAsync(IEnumerable<string> paths, IEnumerable<string> tags, CancellationToken cancellationToken = default) =>
        RevalidateAsync(paths, tags, RevalidationMode.Now, cancellationToken);

    /// <summary>Revalidates <paramref name="paths"/>, the pages below each prefix, and every page carrying one of <paramref name="tags"/>.</summary>
    /// <param name="paths">
    /// Absolute local paths, such as <c>/posts/42</c>: the default locale's page, or with a locale prefix
    /// (<c>/fr/posts/42</c>) that locale's, when the site has locales. A path ending in <c>/*</c> names a prefix:
    /// <c>/posts/*</c> is <c>/posts</c> and every page below it, <c>/*</c> every page.
    /// </param>
    /// <param name="tags">Tags, such as <c>post:42</c>.</param>
    /// <param name="mode">Regenerate now, mark stale, or expire (<see cref="RevalidationMode"/>).</param>
    /// <param name="cancellationToken">Stops waiting; generations already started still finish.</param>
    Task<RevalidationResult> RevalidateAsync(IEnumerable<string> paths, IEnumerable<string> tags, RevalidationMode mode, CancellationToken cancellationToken = default);
}
