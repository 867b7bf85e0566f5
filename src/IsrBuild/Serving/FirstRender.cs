using IsrBuild.Diagnostics;
using IsrBuild.Generation;
using IsrBuild.Regeneration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Serving;

/// <summary>
/// The first render of a path never generated, in the request (MISS, concurrent requests sharing one render) or in
/// the background while a fallback answers. An endpoint page the render could not store is answered by the app, as
/// it would be without IsrBuild, and remembered for a while so it is not rendered twice per request.
/// </summary>
internal sealed class FirstRender(PageRegenerator regenerator, MissWriter missWriter, NotStoredPaths notStored, ILogger<FirstRender> logger)
{
    /// <summary>Whether a first render of the path runs on this host now: a request that joins it costs nothing more.</summary>
    public bool IsRunning(string path) => regenerator.IsRunning(path);

    /// <summary>Starts the render without waiting for it; its failure is logged.</summary>
    public void StartInBackground(PageRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        var key = request.Key;
        _ = regenerator.GenerateAsync(request.Page, key, routeValues, GenerationReason.FirstRequest)
            .ContinueWith(t => logger.BackgroundFirstRenderFailed(key, t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Renders the path (or joins its render under way) and answers with it.</summary>
    public async Task AnswerAsync(PageRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        GeneratedPage generated;
        try
        {
            generated = await regenerator.GenerateAsync(request.Page, request.Key, routeValues, GenerationReason.FirstRequest);
        }
        catch (PageGenerationException exception) when (request.Page.Endpoint is not null)
        {
            // Not stored (another status, a cookie, an exception): the app answers as it would without IsrBuild,
            // its own error handling included.
            logger.EndpointPageNotStored(request.Key, exception);
            notStored.Add(request.Key);
            await AppEndpoint.InvokeAsync(request.Context, request.Page, cacheState: null);
            return;
        }
        catch (Exception exception) when (exception is PageGenerationException or TimeoutException)
        {
            logger.FirstRenderFailed(request.Key, exception);
            PageResponseWriter.WriteUncachedStatus(request.Context, StatusCodes.Status500InternalServerError);
            return;
        }

        await missWriter.WriteAsync(request, generated);
    }
}
