using System.Text;
using IsrBuild.Coordination;
using IsrBuild.Localization;
using IsrBuild.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Generation;

/// <summary>
/// Generates one path of one page: static props, then the template, then the encoded HTML. No HTTP is involved,
/// so publish time and run time produce the same bytes from the same data. A page that is an endpoint of the app's
/// own is rendered through the app's pipeline instead (<see cref="IEndpointPageRenderer"/>), the same way at both.
/// </summary>
internal sealed class PageGenerator(IServiceScopeFactory scopes, IIsrRenderer renderer, IEndpointPageRenderer endpointRenderer, PageLocales locales)
{
    /// <exception cref="PageGenerationException">The page's static props or its template failed.</exception>
    public async Task<StaticPaths> GetStaticPathsAsync(PageDescriptor page, bool isPublishTime, CancellationToken cancellationToken)
    {
        if (page.Endpoint is not null)
        {
            // An endpoint page's paths come from AddIsrPaths; any other path renders on its first request.
            return StaticPaths.From([], FallbackMode.Blocking);
        }

        await using var scope = scopes.CreateAsyncScope();
        var instance = Create(page, scope.ServiceProvider);
        try
        {
            return await instance.GetStaticPathsAsync(new StaticPathsContext(isPublishTime) { Locales = locales.All, DefaultLocale = locales.Default }, cancellationToken)
                ?? throw new InvalidOperationException("GetStaticPathsAsync returned null.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PageGenerationException(page, null, GenerationStage.StaticPaths, exception);
        }
    }

    /// <param name="page">The page.</param>
    /// <param name="path">The path, a <see cref="PagePath"/> key.</param>
    /// <param name="routeValues">The path's route values.</param>
    /// <param name="reason">Why the path is generated.</param>
    /// <param name="cancellationToken">Stops the generation.</param>
    /// <param name="unchanged">
    /// Given the path and its new HTML, the encoded page of an earlier run when that HTML is the same, so its Brotli
    /// and gzip bytes are reused instead of compressed again.
    /// </param>
    /// <param name="draftData">In draft mode, the data the draft route was given.</param>
    /// <param name="stored">
    /// The path's state in the store, for a regeneration: HTML the same as its page's is
    /// <see cref="GenerationResult.Unchanged"/>, and is not compressed again.
    /// </param>
    /// <exception cref="PageGenerationException">The page's static props or its template failed.</exception>
    public async Task<GenerationResult> GenerateAsync(
        PageDescriptor page,
        string path,
        IReadOnlyDictionary<string, string> routeValues,
        GenerationReason reason,
        CancellationToken cancellationToken,
        Func<string, byte[], EncodedPage?>? unchanged = null,
        string? draftData = null,
        StoredPage? stored = null)
    {
        GenerationResult PageResult(byte[] html, Revalidate revalidate, IReadOnlyList<string> tags)
        {
            var hash = PageEncoder.Hash(html);
            if (stored is { Kind: StoredPageKind.Page } previous && previous.HtmlHash == hash)
            {
                return new GenerationResult.Unchanged(previous, html, revalidate, tags);
            }

            return new GenerationResult.Rendered(unchanged?.Invoke(path, html) ?? PageEncoder.Encode(html, hash), revalidate, tags);
        }

        if (page.Endpoint is not null)
        {
            return await endpointRenderer.RenderAsync(page, path, PageResult, cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var instance = Create(page, scope.ServiceProvider);

        StaticProps props;
        try
        {
            var context = new StaticPropsContext(path, routeValues, reason)
            {
                Locale = locales.Split(path).Locale,
                Locales = locales.All,
                DefaultLocale = locales.Default,
                DraftData = draftData,
            };
            props = await instance.GetStaticPropsAsync(context, cancellationToken)
                ?? throw new InvalidOperationException("GetStaticPropsAsync returned null.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PageGenerationException(page, path, GenerationStage.StaticProps, exception);
        }

        switch (props.Kind)
        {
            case StaticPropsKind.NotFound:
                return new GenerationResult.NotFound(props.Revalidate);
            case StaticPropsKind.Redirect:
                return new GenerationResult.Redirect(props.RedirectDestination!, props.RedirectStatusCode, props.Revalidate);
        }

        string html;
        try
        {
            html = await renderer.RenderAsync(page.Template, props.Model!, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PageGenerationException(page, path, GenerationStage.Render, exception);
        }

        return PageResult(Encoding.UTF8.GetBytes(html), props.Revalidate, props.Tags);
    }

    private static IsrPage Create(PageDescriptor page, IServiceProvider services) =>
        (IsrPage)ActivatorUtilities.GetServiceOrCreateInstance(services, page.Type);
}
