namespace IsrBuild.Coordination;

/// <summary>
/// The right to regenerate one path, until disposed. <see cref="Fence"/> orders the leases of a path across hosts:
/// a write carrying an older fence than the store's is refused, so a paused former holder cannot overwrite a newer
/// page. 0 means the lease was granted locally (one host, or the shared store unreachable).
/// </summary>
/// <param name="fence">The lease's fencing token.</param>
/// <param name="release">Gives the lease up; <see langword="null"/> when there is nothing to give up.</param>
public sealed class RegenerationLease(long fence, Func<ValueTask>? release = null) : IAsyncDisposable
{
    /// <summary>A lease granted by this host alone, without a fence.</summary>
    public static RegenerationLease Local { get; } = new(0);

    /// <summary>The fencing token the page write carries.</summary>
    public long Fence { get; } = fence;

    /// <summary>Gives the lease up.</summary>
    public ValueTask DisposeAsync() => release?.Invoke() ?? ValueTask.CompletedTask;
}
