using System.Diagnostics;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Regeneration;

/// <summary>
/// Makes a generation's result current: writes it to the store and announces it (memory takes it from the
/// announcement; with several hosts an on-demand one waits until every host serves it).
/// </summary>
internal sealed class PageCommitter(
    GuardedPageStore store,
    PageChanges changes,
    IPagePropagation propagation,
    IsrMetrics metrics,
    ILogger<PageCommitter> logger)
{
    /// <summary>
    /// A write the store refuses fails a regeneration, so the last good page stays; a first render has none, so it
    /// answers the request that asked for it without being kept anywhere. A page whose bytes are the stored ones only
    /// refreshes its times where the store can; otherwise it is encoded and written as any other. Its duration counts
    /// from <c>started</c>, a <see cref="Stopwatch"/> timestamp taken when the regeneration began.
    /// </summary>
    /// <exception cref="PageStoreWriteException">The store refused the write of a regeneration that is not a first render.</exception>
    public async Task<GeneratedPage> CommitAsync(PageDescriptor page, string path, GenerationResult result, DateTimeOffset began, long fence, GenerationReason reason, long started, CancellationToken cancellationToken)
    {
        var made = await WriteAsync(page, path, result, began, fence, reason, cancellationToken);
        if (made.Kept)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Regenerated(reason, made.Unchanged, elapsed);
            logger.Regenerated(path, reason, (long)elapsed.TotalMilliseconds);
        }

        return made;
    }

    private async Task<GeneratedPage> WriteAsync(PageDescriptor page, string path, GenerationResult result, DateTimeOffset began, long fence, GenerationReason reason, CancellationToken cancellationToken)
    {
        if (result is GenerationResult.Unchanged unchanged)
        {
            var same = result.ToStoredPage(path, page.Route.Template, began) with { Fence = fence };
            if (unchanged.KeepsBodies && await store.RefreshAsync(same, cancellationToken) is { } refreshed)
            {
                return await MadeCurrentAsync(same, body: null, refreshed, reason, cancellationToken);
            }

            result = unchanged.Encode();
        }

        var stored = result.ToStoredPage(path, page.Route.Template, began) with { Source = PageSource.Regenerated, Fence = fence };
        var body = (result as GenerationResult.Rendered)?.Page;
        PageWriteResult write;
        try
        {
            write = await store.SetAsync(stored, body, cancellationToken);
        }
        catch (PageStoreWriteException) when (reason == GenerationReason.FirstRequest)
        {
            metrics.Failed(reason);
            return new GeneratedPage(stored, body, Kept: false);
        }

        return await MadeCurrentAsync(stored, body, write, reason, cancellationToken);
    }

    /// <summary>
    /// Announces what the store now holds for the path (memory takes it from the announcement). A page without
    /// <paramref name="body"/> was refreshed with the bytes it had.
    /// </summary>
    private async Task<GeneratedPage> MadeCurrentAsync(StoredPage stored, EncodedPage? body, PageWriteResult write, GenerationReason reason, CancellationToken cancellationToken)
    {
        if (write is { Outcome: PageWrite.Superseded, Current: { } newer })
        {
            // A host that took the lease after this one wrote first: its page is the current one everywhere.
            changes.Raise(newer, body: null, isTransient: false);
            return new GeneratedPage(newer, Body: null);
        }

        stored = stored with { Shared = write.Outcome == PageWrite.Shared };
        var path = stored.Path;
        var unchanged = stored.Kind == StoredPageKind.Page && body is null;

        // A not-found the store did not keep (publish never wrote the path, so nothing could come back) lives in
        // memory only, and only briefly.
        var isTransient = stored.Kind == StoredPageKind.NotFound && write.Current is null;
        if (stored.Kind == StoredPageKind.NotFound && !isTransient)
        {
            logger.PageRemoved(path);
        }

        if (unchanged)
        {
            changes.RaiseRefreshed(stored);
        }
        else
        {
            changes.Raise(stored, body, isTransient, purgedByCaller: reason == GenerationReason.OnDemand);
        }

        if (reason == GenerationReason.OnDemand && stored.Shared)
        {
            // The caller answers once every host serves it: a cache in front purged after that cannot refill from a
            // host that had not heard yet.
            await propagation.WaitAsync(path, stored.Fence, cancellationToken);
        }

        return new GeneratedPage(stored, body) { Unchanged = unchanged };
    }
}
