using IsrBuild.Coordination;
using IsrBuild.Http;
using IsrBuild.Regeneration;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>
/// Answers from what is stored: memory first (no I/O), then the store, keeping what memory admits. A fresh page is a
/// HIT; a stale one (past its interval, or invalidated in mode <c>stale</c>) is served at once as STALE and queues one
/// background regeneration (a prefetch queues none, as in Next.js); an expired one (past
/// <see cref="IsrOptions.ExpireSeconds"/>, or invalidated in mode <c>expire</c>) renders in the request. A path never
/// generated passes on to the fallback modes.
/// </summary>
internal sealed class PageLookupStep(
    PageMemoryCache memory,
    GuardedPageStore store,
    Invalidations invalidations,
    RegenerationQueue queue,
    ExpiredPageRenderer expired,
    PageResponseWriter writer,
    TimeProvider timeProvider) : IPageRequestStep
{
    public Task InvokeAsync(PageRequest request, PageRequestDelegate next)
    {
        if (memory.TryGet(request.Key, out var served))
        {
            if (served.Stored.Kind != StoredPageKind.Page || served.BodyOf(request.Encoding) is not null)
            {
                return ServeAsync(request, served);
            }

            return ServeWithBodyAsync(request, served, next);
        }

        return ServeFromStoreAsync(request, next);
    }

    /// <summary>A page in memory without the representation asked for: that one is read from the store and kept.</summary>
    private async Task ServeWithBodyAsync(PageRequest request, ServedPage served, PageRequestDelegate next)
    {
        if (await store.GetBodyAsync(served.Stored, request.Encoding, request.Context.RequestAborted) is { } body)
        {
            memory.Hold(served, request.Encoding, body);
            await ServeAsync(request, served);
            return;
        }

        // The store moved on from the version memory holds (evicted, or replaced by another writer): start over.
        memory.Remove(request.Key, served);
        await ServeFromStoreAsync(request, next);
    }

    private async Task ServeFromStoreAsync(PageRequest request, PageRequestDelegate next)
    {
        if (await store.GetAsync(request.Key, request.Encoding, request.Context.RequestAborted) is not var (stored, body))
        {
            await next(request);
            return;
        }

        ServedPage entry;
        if (memory.Admits(request.Key))
        {
            entry = memory.Set(stored, body: null, isTransient: false);
            if (body is not null)
            {
                memory.Hold(entry, request.Encoding, body);
            }
        }
        else
        {
            // Served from the store and let go: memory keeps the pages asked for more than once.
            entry = memory.Unheld(stored);
            if (body is not null)
            {
                entry.Hold(request.Encoding, body);
            }
        }

        await ServeAsync(request, entry);
    }

    private Task ServeAsync(PageRequest request, ServedPage served)
    {
        var now = timeProvider.GetUtcNow();
        var invalidation = served.InvalidatedBy(invalidations);
        if (invalidation is null && !served.IsStale(now) && now < served.HardExpiry)
        {
            return writer.WriteStoredAsync(request, served, IsrHeaders.Hit, now);
        }

        if (invalidation?.Mode == InvalidationMode.Expire || now >= served.HardExpiry)
        {
            return expired.RenderAsync(request, served, invalidation);
        }

        // A browser's speculative prefetch gets the stale page but starts nothing, as in Next.js.
        if (!IsPrefetch(request.Context.Request))
        {
            var stored = served.Stored;
            queue.Schedule(request.Page, request.Key, stored.GeneratedAt, stored.Revalidate, stored.Fence);
        }

        return writer.WriteStoredAsync(request, served, IsrHeaders.Stale, now);
    }

    private static bool IsPrefetch(HttpRequest request) =>
        request.Headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || request.Headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase);
}
