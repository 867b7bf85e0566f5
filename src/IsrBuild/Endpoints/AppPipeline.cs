using Microsoft.AspNetCore.Http;

namespace IsrBuild.Endpoints;

/// <summary>
/// The app's own request pipeline (its middleware, routing and endpoints, as <c>Program.cs</c> built them), taken when
/// the host builds it, so a page can be rendered through it on a request of its own.
/// </summary>
internal sealed class AppPipeline
{
    private readonly TaskCompletionSource<RequestDelegate> _pipeline = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Capture(RequestDelegate pipeline) => _pipeline.TrySetResult(pipeline);

    /// <summary>The pipeline, once the host has built it (when it starts).</summary>
    public Task<RequestDelegate> Built => _pipeline.Task;
}
