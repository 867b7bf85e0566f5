namespace IsrBuild.Generation;

/// <summary>Generating one page failed; names the page (its class, or the endpoint), the path and the step.</summary>
internal sealed class PageGenerationException(PageDescriptor page, string? path, GenerationStage stage, Exception innerException)
    : Exception(Describe(page, path, stage, innerException), innerException)
{
    public PageDescriptor Page { get; } = page;

    public GenerationStage Stage { get; } = stage;

    private static string Describe(PageDescriptor page, string? path, GenerationStage stage, Exception inner)
    {
        var step = stage switch
        {
            GenerationStage.StaticPaths => "GetStaticPathsAsync",
            GenerationStage.StaticProps => "GetStaticPropsAsync",
            _ when page.Endpoint is not null => "rendering through the app's pipeline",
            _ => $"rendering template '{page.Template}'",
        };
        var where = path is null ? string.Empty : $" for '{path}'";
        return $"{page.Name}: {step}{where} failed: {inner.GetType().Name}: {inner.Message}";
    }
}
