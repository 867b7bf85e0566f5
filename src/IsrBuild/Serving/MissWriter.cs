using IsrBuild.Coordination;
using IsrBuild.Http;
using IsrBuild.Regeneration;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>
/// Answers with a page just generated for the request (a first request, or a page past its expiry) as a MISS, its
/// bytes taken from the generation itself, else from memory, which took the page from the change announced, or else
/// from the store.
/// </summary>
internal sealed class MissWriter(PageMemoryCache memory, GuardedPageStore store, PageResponseWriter writer, TimeProvider timeProvider)
{
    public async Task WriteAsync(PageRequest request, GeneratedPage generated)
    {
        var context = request.Context;

        // Memory may have let the new page go again at once, and never holds one the store did not keep.
        var served = generated.Kept && memory.TryGet(request.Key, out var held) && ReferenceEquals(held.Stored, generated.Stored)
            ? held
            : memory.Unheld(generated.Stored);
        if (served.Stored.Kind == StoredPageKind.Page && served.BodyOf(request.Encoding) is null)
        {
            var body = generated.Body?[request.Encoding].Content
                ?? await store.GetBodyAsync(served.Stored, request.Encoding, context.RequestAborted);
            if (body is null)
            {
                // Replaced again in the instant since; the next request gets the newer page.
                PageResponseWriter.WriteUncachedStatus(context, StatusCodes.Status503ServiceUnavailable);
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            memory.Hold(served, request.Encoding, body);
        }

        await writer.WriteStoredAsync(request, served, IsrHeaders.Miss, timeProvider.GetUtcNow());
    }
}
