using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Regeneration;

namespace IsrBuild.Status;

/// <summary>Answers "why is this page old?": everything the host knows about one path, in one look.</summary>
internal sealed class PageStatusReader(
    PathMatcher matcher,
    IIsrPageStore store,
    PageRegenerator regenerator,
    RegenerationQueue queue,
    IRegenerationLeases leases,
    Invalidations invalidations,
    TimeProvider timeProvider)
{
    public async Task<PageStatusBody> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        var status = new PageStatusBody { Path = path };
        if (!matcher.TryMatch(path, out var page, out _))
        {
            return status;
        }

        status.Route = page.Route.Template;
        if (await store.GetMetadataAsync(path, cancellationToken) is { } stored)
        {
            status.State = stored.Kind switch
            {
                StoredPageKind.NotFound => "notFound",
                StoredPageKind.Redirect => "redirect",
                _ => "page",
            };
            status.Source = stored.Source == PageSource.Published ? "published" : stored.Fence > 0 ? "shared" : "regenerated";
            status.GeneratedAt = stored.GeneratedAt;
            status.RevalidateSeconds = stored.Revalidate;
            var invalidation = invalidations.Of(stored);
            status.Stale = invalidation is not null || stored.IsStale(timeProvider.GetUtcNow());
            status.InvalidatedBy = invalidation is null ? null : new PageStatusBody.InvalidationBody(
                invalidation.Scope.ToString().ToLowerInvariant(), invalidation.Display, invalidation.At, invalidation.Mode.ToString().ToLowerInvariant());
            status.Tags = stored.Tags;
            status.Hash = stored.HtmlHash;
            status.RedirectTo = stored.RedirectDestination;
        }

        var (queued, retryAt, failure) = queue.StatusOf(path);
        status.Regeneration = regenerator.IsRunning(path) ? "running" : queued ? "queued" : "idle";
        status.NextRetryAt = retryAt;
        status.LastFailureAt = failure?.At;
        status.LastFailure = failure?.Message;
        status.LeaseHolder = await leases.HolderAsync(path, cancellationToken);
        return status;
    }
}
