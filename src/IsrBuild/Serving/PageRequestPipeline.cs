using IsrBuild.Generation;
using IsrBuild.Http;
using IsrBuild.Localization;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>
/// Answers requests for ISR pages, one step after another, each of which answers or passes on. <c>AddIsr</c>
/// registers the steps in their order: the canonical URL, draft mode, what is stored (memory, then the store), and
/// the fallback modes for a path never generated.
/// </summary>
internal sealed class PageRequestPipeline
{
    private readonly PageLocales _locales;
    private readonly PageRequestDelegate _first;

    public PageRequestPipeline(IEnumerable<IPageRequestStep> steps, PageLocales locales)
    {
        _locales = locales;
        _first = Chain([.. steps.Where(step => step.IsEnabled)]);
    }

    /// <param name="context">The request.</param>
    /// <param name="page">The page whose route matched.</param>
    /// <param name="localePrefixed">Whether the route matched behind a locale prefix (<c>/fr/posts/1</c>).</param>
    public Task HandleAsync(HttpContext context, PageDescriptor page, bool localePrefixed = false)
    {
        var request = context.Request;
        var key = _locales.Canonical(RequestKey.Of(request));
        var encoding = AcceptEncoding.Choose(request.Headers.AcceptEncoding.ToString());
        return _first(new PageRequest(context, page, key, encoding, localePrefixed));
    }

    private static PageRequestDelegate Chain(IPageRequestStep[] steps)
    {
        // The last step always answers; should it pass on, the path has no page.
        PageRequestDelegate next = static request =>
        {
            PageResponseWriter.WriteUncachedStatus(request.Context, StatusCodes.Status404NotFound);
            return Task.CompletedTask;
        };
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            var step = steps[i];
            var rest = next;
            next = request => step.InvokeAsync(request, rest);
        }

        return next;
    }
}
