using IsrBuild.Coordination;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>
/// Answers with a page just generated for the request (a first request, or a page past its expiry) as a MISS, its
/// bytes taken from memory, which took the page from the change announced, or else from the store.
/// </summary>
internal sealed class MissWriter(PageMemoryCache memory, IIsrPageStore store, PageResponseWriter writer, TimeProvider timeProvider)
{
    public async Task WriteAsync(PageRequest request, StoredPage generated)
    {
        var context = request.Context;

        // Memory may have let the new page go again at once.
        var served = memory.TryGet(request.Key, out var held) && ReferenceEquals(held.Stored, generated) ? held : memory.Unheld(generated);
        if (served.Stored.Kind == StoredPageKind.Page && served.BodyOf(request.Encoding) is null)
        {
            if (await store.GetBodyAsync(served.Stored, request.Encoding, context.RequestAborted) is not { } body)
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
