namespace IsrBuild.Serving;

/// <summary>
/// One step of answering a page request, in the manner of middleware: it answers the request itself, or passes it
/// on with <c>next</c>. A step that answers synchronously returns a completed task, so the HIT path allocates no
/// state machine.
/// </summary>
internal interface IPageRequestStep
{
    /// <summary>Whether the step has work in this host; one that has none is left out of the chain, costing nothing.</summary>
    bool IsEnabled => true;

    Task InvokeAsync(PageRequest request, PageRequestDelegate next);
}
