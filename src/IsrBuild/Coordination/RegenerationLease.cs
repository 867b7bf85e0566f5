namespace IsrBuild.Coordination;

/// <summary>
/// The right to regenerate one path, until disposed. <see cref="Fence"/> orders the leases of a path across hosts:
/// a write carrying an older fence than the store's is refused, so a paused former holder cannot overwrite a newer
/// page. 0 means the lease was granted locally (one host, or the shared store unreachable).
/// </summary>
internal sealed class RegenerationLease(long fence, Func<ValueTask>? release = null) : IAsyncDisposable
{
    public static RegenerationLease Local { get; } = new(0);

    public long Fence { get; } = fence;

    public ValueTask DisposeAsync() => release?.Invoke() ?? ValueTask.CompletedTask;
}
