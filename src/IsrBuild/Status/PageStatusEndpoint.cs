using IsrBuild.Localization;
using IsrBuild.SecretRoutes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IsrBuild.Status;

/// <summary>
/// <c>GET &lt;revalidate route&gt;/status?path=...</c>: why a page is what it is — where it comes from, when it was
/// generated, its interval and staleness, tags and hash, the last failure and the next retry, whether a
/// regeneration is queued or running, and (with several hosts) who holds its lease. Behind the revalidate secret.
/// </summary>
internal sealed class PageStatusEndpoint(PageStatusReader reader, PageLocales locales, SecretGuard guard, IOptions<IsrOptions> options)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await guard.AdmitAsync(context, allowPost: false) is null)
        {
            return;
        }

        var path = context.Request.Query["path"].ToString();
        if (TargetInput.ProblemWith([path], [], options.Value.MaxRevalidateItems) is { } problem)
        {
            await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var status = await reader.DescribeAsync(locales.Canonical(PagePath.Normalize(path)), context.RequestAborted);
        await JsonAnswer.WriteAsync(
            context,
            status.Route is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
            status,
            PageStatusJsonContext.Default.PageStatusBody);
    }
}
