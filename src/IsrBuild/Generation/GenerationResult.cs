namespace IsrBuild.Generation;

/// <summary>What generating one path produced: a page, not-found, or a redirect.</summary>
internal abstract record GenerationResult
{
    private GenerationResult()
    {
    }

    internal sealed record Rendered(EncodedPage Page, Revalidate Revalidate, IReadOnlyList<string> Tags) : GenerationResult;

    internal sealed record NotFound(Revalidate Revalidate) : GenerationResult;

    internal sealed record Redirect(string Destination, int StatusCode, Revalidate Revalidate) : GenerationResult;
}
