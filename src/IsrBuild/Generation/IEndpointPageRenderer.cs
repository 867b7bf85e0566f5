using IsrBuild.Coordination;

namespace IsrBuild.Generation;

/// <summary>
/// Renders one path of an endpoint page through the app's own pipeline, on a request of its own, into a
/// <see cref="GenerationResult"/>: the one way, at publish and at run time alike, so both make the same bytes.
/// </summary>
internal interface IEndpointPageRenderer
{
    /// <param name="page">The endpoint page.</param>
    /// <param name="path">The path, a <see cref="PagePath"/> key.</param>
    /// <param name="pageResult">
    /// The result of a page, given its HTML, interval and tags: encoded, or found the same as the stored page's or
    /// an earlier run's.
    /// </param>
    /// <param name="cancellationToken">Stops the render.</param>
    /// <exception cref="PageGenerationException">The app threw, or answered with something that is not kept (another status, a cookie).</exception>
    Task<GenerationResult> RenderAsync(PageDescriptor page, string path, Func<byte[], Revalidate, IReadOnlyList<string>, GenerationResult> pageResult, CancellationToken cancellationToken);
}
