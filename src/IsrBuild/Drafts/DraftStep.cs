using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Drafts;

/// <summary>
/// An editor in draft mode (<see cref="DraftModeCookie"/>): the page is generated for this request from its static
/// props, whatever its fallback, and answered without a cache header that lets anyone keep it. Nothing is read from
/// or written to memory, the stores or other hosts. An endpoint page is the app's own endpoint answering the editor's
/// request. Any other request passes on.
/// </summary>
internal sealed class DraftStep(
    DraftModeCookie cookie,
    PathMatcher matcher,
    PageGenerator generator,
    PageResponseWriter writer,
    IOptions<IsrOptions> options,
    ILogger<DraftStep> logger) : IPageRequestStep
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.RegenerationTimeoutSeconds);

    public Task InvokeAsync(PageRequest request, PageRequestDelegate next) =>
        cookie.TryRead(request.Context.Request, out var draftData) ? ServeDraftAsync(request, draftData) : next(request);

    private async Task ServeDraftAsync(PageRequest request, string? draftData)
    {
        var context = request.Context;
        if (request.Page.Endpoint is not null)
        {
            // The editor's own request reaches the app's endpoint, as if IsrBuild were not there.
            await AppEndpoint.InvokeAsync(context, request.Page, IsrHeaders.Draft);
            return;
        }

        if (!matcher.TryMatch(request.Page, request.Key, out var routeValues))
        {
            writer.WriteUncachedStatus(context, StatusCodes.Status404NotFound, IsrHeaders.Draft);
            return;
        }

        GenerationResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(_timeout);
            result = await generator.GenerateAsync(request.Page, request.Key, routeValues, GenerationReason.Draft, timeout.Token, draftData: draftData);
        }
        catch (Exception exception) when (exception is PageGenerationException || (exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            logger.DraftRenderFailed(request.Key, exception);
            writer.WriteUncachedStatus(context, StatusCodes.Status500InternalServerError, IsrHeaders.Draft);
            return;
        }

        await writer.WriteUncachedResultAsync(request, result, IsrHeaders.Draft);
    }
}
