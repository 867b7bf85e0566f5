namespace IsrBuild.Coordination;

/// <summary>One host: every lease is granted (the regenerator's single-flight already allows one render per path).</summary>
internal sealed class LocalRegenerationLeases : IRegenerationLeases
{
    public ValueTask<RegenerationLease?> AcquireAsync(string path, bool wait, long? staleFence, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RegenerationLease?>(RegenerationLease.Local);

    public ValueTask<string?> HolderAsync(string path, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<bool> IsBackingOffAsync(string path, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask BackOffAsync(string path, TimeSpan backoff, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
