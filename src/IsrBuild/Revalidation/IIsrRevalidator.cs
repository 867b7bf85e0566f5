namespace IsrBuild;

/// <summary>
/// Revalidates pages on demand from the site's own code (after an admin edit, say), with the same semantics as the
/// revalidate route: every page is generated again before the call returns, from data read after the call began.
/// </summary>
public interface IIsrRevalidator
{
    /// <summary>Regenerates <paramref name="paths"/> and every page carrying one of <paramref name="tags"/>.</summary>
    /// <param name="paths">
    /// Absolute local paths, such as <c>/posts/42</c>: the default locale's page, or with a locale prefix
    /// (<c>/fr/posts/42</c>) that locale's, when the site has locales.
    /// </param>
    /// <param name="tags">Tags, such as <c>post:42</c>.</param>
    /// <param name="cancellationToken">Stops waiting; generations already started still finish.</param>
    Task<RevalidationResult> RevalidateAsync(IEnumerable<string> paths, IEnumerable<string> tags, CancellationToken cancellationToken = default);
}
