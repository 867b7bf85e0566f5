using System.Text;
using IsrBuild.Coordination;
using IsrBuild.Http;
using IsrBuild.Localization;
using IsrBuild.Rendering;

namespace IsrBuild.Serving;

/// <summary>
/// Answers with a page's fallback rendering (<c>fallback: true</c>): its fallback template with the route values, or
/// a bare shell, never cached, while the page itself generates.
/// </summary>
internal sealed class FallbackPageWriter(IIsrRenderer renderer, PageLocales locales, PageResponseWriter writer)
{
    public async Task WriteAsync(PageRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        var context = request.Context;
        var html = request.Page.FallbackTemplate is { } template
            ? Encoding.UTF8.GetBytes(await renderer.RenderAsync(template, new FallbackModel(request.Key, routeValues) { Locale = locales.Split(request.Key).Locale }, context.RequestAborted))
            : FallbackShell.Html;
        await writer.WriteUncachedAsync(context, IsrHeaders.Miss, html, PageEncoding.Identity);
    }
}
