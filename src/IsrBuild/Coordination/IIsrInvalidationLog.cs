namespace IsrBuild.Coordination;

/// <summary>
/// Where invalidations outlive the process and reach the other hosts: the seam a shared store plugs into
/// (IsrBuild.Redis decorates the single-host log registered by <c>AddIsr</c>). Invalidations hold for every build,
/// so a log is not kept per build: a rollback honours the ones made since.
/// </summary>
public interface IIsrInvalidationLog
{
    /// <summary>Every invalidation that may still matter (made within <see cref="IsrOptions.ExpireSeconds"/>); read once at startup.</summary>
    /// <param name="cancellationToken">Stops startup.</param>
    Task<IReadOnlyList<Invalidation>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="invalidations"/> (the newest per target wins) and tells the other hosts, if any.</summary>
    /// <param name="invalidations">What a revalidation invalidated.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>Whether they reached every host: always with one host; <see langword="false"/> when they were kept here only.</returns>
    Task<bool> RecordAsync(IReadOnlyList<Invalidation> invalidations, CancellationToken cancellationToken);
}
