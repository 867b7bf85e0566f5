namespace IsrBuild.Revalidation;

/// <summary>The revalidate route's JSON answer; its size depends on what the call named, never on how many pages matched.</summary>
internal sealed class RevalidateResponseBody
{
    public bool Revalidated { get; set; }

    /// <summary><c>now</c>, <c>stale</c> or <c>expire</c>.</summary>
    public string? Mode { get; set; }

    public string? Message { get; set; }

    /// <summary>Present (<see langword="false"/>) only when the change reached this host alone.</summary>
    public bool? Propagated { get; set; }

    /// <summary>The invalidation time recorded, when the call recorded one: pages written before it are out of date.</summary>
    public DateTimeOffset? InvalidatedAt { get; set; }

    /// <summary>A result per path the call named, and per page of a tag or prefix that failed.</summary>
    public List<PathResultBody>? Results { get; set; }

    /// <summary>Present only when purging a cache in front failed: the paths it may still hold.</summary>
    public List<string>? EdgePurgeFailed { get; set; }

    public List<TargetResultBody>? Tags { get; set; }

    public List<TargetResultBody>? Prefixes { get; set; }

    /// <summary>One path's outcome; <c>unchanged</c> (present only when true): regenerated with the bytes it had.</summary>
    internal sealed record PathResultBody(string Path, string Status, string? Error, bool? Unchanged);

    /// <summary>
    /// Counts for one tag or prefix: <c>pages</c> matched, <c>regenerated</c> (<c>unchanged</c> of them with the bytes
    /// they had) and <c>failed</c> before the answer, <c>queued</c> for the background; none in modes <c>stale</c> and
    /// <c>expire</c>, which count nothing.
    /// </summary>
    internal sealed record TargetResultBody(string? Tag, string? Prefix, int? Pages, int? Regenerated, int? Unchanged, int? Failed, int? Queued);
}
