using IsrBuild.Http;
using IsrBuild.SecretRoutes;
using IsrBuild.Serving;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Drafts;

/// <summary>
/// The draft routes, behind the revalidate secret (Next.js's draft route handler): <c>GET &lt;revalidate
/// route&gt;/draft?path=/posts/1</c> turns draft mode on for the browser (optionally with <c>data=</c> for the pages)
/// and <c>/draft/disable</c> turns it off; both redirect (307) to <c>path</c>, the root by default.
/// </summary>
internal sealed class DraftModeEndpoint(SecretGuard guard, DraftModeCookie cookie)
{
    public Task EnableAsync(HttpContext context) => HandleAsync(context, enable: true);

    public Task DisableAsync(HttpContext context) => HandleAsync(context, enable: false);

    private async Task HandleAsync(HttpContext context, bool enable)
    {
        var (client, refusal) = guard.Check(context, allowPost: false);
        if (client is null)
        {
            if (refusal is not null)
            {
                await AnswerAsync(context, context.Response.StatusCode, refusal);
            }

            return;
        }

        var query = context.Request.Query;
        var path = query["path"].Count == 0 ? "/" : query["path"].ToString();
        if (TargetInput.ProblemWithPath(path) is { } problem)
        {
            // Only a local path: the route must never become an open redirect.
            await AnswerAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        string? data = query["data"];
        if (data is { Length: > DraftModeCookie.MaxDataLength })
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, $"The draft data is longer than {DraftModeCookie.MaxDataLength} characters; pass an id and look the rest up in the page.");
            return;
        }

        if (enable)
        {
            cookie.Enable(context, string.IsNullOrEmpty(data) ? null : data);
        }
        else
        {
            DraftModeCookie.Disable(context);
        }

        context.Response.Headers.CacheControl = IsrHeaders.ApiNoStore;
        await PageResponseWriter.WriteRedirectAsync(context, StatusCodes.Status307TemporaryRedirect, RedirectLocation.Of(context.Request, path));
    }

    private static Task AnswerAsync(HttpContext context, int status, string message) =>
        JsonAnswer.WriteAsync(context, status, new DraftModeResponseBody(false, message), DraftModeJsonContext.Default.DraftModeResponseBody);
}
