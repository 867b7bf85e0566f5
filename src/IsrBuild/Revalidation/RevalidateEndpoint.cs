using IsrBuild.Diagnostics;
using IsrBuild.Localization;
using IsrBuild.SecretRoutes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Revalidation;

/// <summary>
/// The revalidate route: checks the secret (in constant time, from <c>?secret=</c> or <c>Authorization: Bearer</c>),
/// limits failed attempts per client, reads the paths, prefixes, tags and mode (query or JSON body), revalidates, and
/// answers in JSON (<see cref="RevalidationAnswer"/>). Nothing else can force a regeneration from outside.
/// </summary>
internal sealed class RevalidateEndpoint(
    IIsrRevalidator revalidator,
    RevalidationTargetResolver resolver,
    PageLocales locales,
    SecretGuard guard,
    IOptions<IsrOptions> options,
    ILogger<RevalidateEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await guard.AdmitAsync(context, allowPost: true) is not { } client)
        {
            return;
        }

        var (paths, tags, locale, modeName, problem) = await RevalidateRequestReader.ReadAsync(context.Request, context.RequestAborted);
        problem ??= TargetInput.ProblemWith(paths, tags, options.Value.MaxRevalidateItems) ?? locales.ProblemWith(locale);
        if (!RevalidateRequestReader.TryParseMode(modeName, out var mode))
        {
            problem ??= $"'{modeName}' is not a mode: use now (the default: regenerate before answering), stale (serve stale once, regenerate in the background) or expire (render on the next request).";
        }

        if (problem is not null)
        {
            await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        paths = [.. paths.SelectMany(path => resolver.KeysFor(path, locale))];
        logger.Revalidating(paths.Count, tags.Count, client);
        var result = await revalidator.RevalidateAsync(paths, tags, mode, context.RequestAborted);

        var answer = RevalidationAnswer.Of(result, options.Value.MaxRevalidateNowPages);
        if (answer.UnmatchedTargets.Length > 0)
        {
            logger.RevalidationMatchedNothing(answer.UnmatchedTargets);
        }

        if (answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "10";
        }

        await JsonAnswer.WriteAsync(context, answer.Status, answer.Body, RevalidationJsonContext.Default.RevalidateResponseBody);
    }
}
