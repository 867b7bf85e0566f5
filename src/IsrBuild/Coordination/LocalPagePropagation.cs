namespace IsrBuild.Coordination;

/// <summary>A single host: a page it wrote is served everywhere it is served the moment it is written.</summary>
internal sealed class LocalPagePropagation : IPagePropagation
{
    public ValueTask<bool> WaitAsync(string path, long fence, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
