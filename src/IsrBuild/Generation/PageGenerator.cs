using System.Text;
using IsrBuild.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Generation;

/// <summary>
/// Generates one path of one page: static props, then the template, then the encoded HTML. No HTTP is involved,
/// so publish time and run time produce the same bytes from the same data.
/// </summary>
internal sealed class PageGenerator(IServiceScopeFactory scopes, IIsrRenderer renderer)
{
    /// <exception cref="PageGenerationException">The page's static props or its template failed.</exception>
    public async Task<StaticPaths> GetStaticPathsAsync(PageDescriptor page, bool isPublishTime, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = Create(page, scope.ServiceProvider);
        try
        {
            return await instance.GetStaticPathsAsync(new StaticPathsContext(isPublishTime), cancellationToken)
                ?? throw new InvalidOperationException("GetStaticPathsAsync returned null.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PageGenerationException(page, null, GenerationStage.StaticPaths, exception);
        }
    }

    /// <exception cref="PageGenerationException">The page's static props or its template failed.</exception>
    public async Task<GenerationResult> GenerateAsync(
        PageDescriptor page,
        string path,
        IReadOnlyDictionary<string, string> routeValues,
        GenerationReason reason,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = Create(page, scope.ServiceProvider);

        StaticProps props;
        try
        {
            props = await instance.GetStaticPropsAsync(new StaticPropsContext(path, routeValues, reason), cancellationToken)
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

        return new GenerationResult.Rendered(PageEncoder.Encode(Encoding.UTF8.GetBytes(html)), props.Revalidate, props.Tags);
    }

    private static IsrPage Create(PageDescriptor page, IServiceProvider services) =>
        (IsrPage)ActivatorUtilities.GetServiceOrCreateInstance(services, page.Type);
}
