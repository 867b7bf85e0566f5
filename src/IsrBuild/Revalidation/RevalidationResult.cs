using IsrBuild.Coordination;

namespace IsrBuild;

/// <summary>What a revalidation did: a result per path the call named, and counts per tag and prefix.</summary>
/// <param name="Paths">Each path the call named, once; and every page of a tag or prefix whose regeneration failed.</param>
/// <param name="Targets">Each tag and prefix, with what happened to its pages.</param>
public sealed record RevalidationResult(IReadOnlyList<PathRevalidationResult> Paths, IReadOnlyList<TargetRevalidationResult> Targets)
{
    /// <summary>The mode the call ran in.</summary>
    public RevalidationMode Mode { get; init; }

    /// <summary>Whether no page failed and every invalidation was kept.</summary>
    public bool Succeeded => Paths.All(p => p.Status != PathRevalidationStatus.Failed) && Targets.All(t => t.Failed == 0) && NotRecorded is null;

    /// <summary>
    /// Why the invalidations could not be kept (a full disk, say), or <see langword="null"/> when they were: they then
    /// hold on this host only, until it restarts.
    /// </summary>
    public string? NotRecorded { get; init; }

    /// <summary>
    /// Whether pages were left to regenerate in the background (mode <c>now</c> over more than
    /// <see cref="IsrOptions.MaxRevalidateNowPages"/> pages): they are stale at once, and new as each is done.
    /// </summary>
    public bool Accepted => Queued > 0;

    /// <summary>The pages left to regenerate in the background, each counted once however many targets matched it.</summary>
    public int Queued { get; init; }

    /// <summary>The invalidations recorded (modes <c>stale</c> and <c>expire</c>, and a set left to the background); empty when the pages were regenerated in the call.</summary>
    public IReadOnlyList<Invalidation> Invalidations { get; init; } = [];

    /// <summary>
    /// Whether the change reached every host. Always with one host; with several (IsrBuild.Redis),
    /// <see langword="false"/> when the shared cache could not be reached: the pages changed (or were invalidated) on
    /// this host only, and the call should be repeated.
    /// </summary>
    public bool Propagated { get; init; } = true;

    /// <summary>
    /// The changed paths that a cache in front (<see cref="IsrOptions.EdgePurge"/>) may still hold, because purging
    /// them failed or timed out; empty when every purge went through, or none is configured.
    /// </summary>
    public IReadOnlyList<string> EdgePurgeFailed { get; init; } = [];
}
