namespace IsrBuild.Status;

/// <summary>The status route's answer for one path; absent members are omitted.</summary>
internal sealed class PageStatusBody
{
    public string Path { get; set; } = string.Empty;

    /// <summary>The route the path belongs to; <see langword="null"/> (and a 404) when no page's route matches it.</summary>
    public string? Route { get; set; }

    /// <summary><c>page</c>, <c>notFound</c>, <c>redirect</c>, or <c>none</c> when it was never generated.</summary>
    public string State { get; set; } = "none";

    /// <summary><c>published</c> (prerendered), <c>regenerated</c> (by this host), or <c>shared</c> (under a shared lease, with IsrBuild.Redis).</summary>
    public string? Source { get; set; }

    public DateTimeOffset? GeneratedAt { get; set; }

    /// <summary>The interval in seconds; absent for a page only revalidated on demand.</summary>
    public int? RevalidateSeconds { get; set; }

    public bool? Stale { get; set; }

    /// <summary>The invalidation that made the page out of date before its interval, if one did: which target, when, and how.</summary>
    public InvalidationBody? InvalidatedBy { get; set; }

    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>The HTML's content hash (the identity representation's ETag, unquoted).</summary>
    public string? Hash { get; set; }

    public string? RedirectTo { get; set; }

    /// <summary><c>idle</c>, <c>queued</c> or <c>running</c> on this host.</summary>
    public string Regeneration { get; set; } = "idle";

    public DateTimeOffset? LastFailureAt { get; set; }

    public string? LastFailure { get; set; }

    /// <summary>When this host tries again after a failure (its back-off).</summary>
    public DateTimeOffset? NextRetryAt { get; set; }

    /// <summary>With several hosts: the host holding the path's regeneration lease, if any.</summary>
    public string? LeaseHolder { get; set; }

    /// <summary>An invalidation: <c>scope</c> <c>tag</c>, <c>path</c> or <c>prefix</c>; <c>mode</c> <c>stale</c> or <c>expire</c>.</summary>
    internal sealed record InvalidationBody(string Scope, string Target, DateTimeOffset At, string Mode);
}
