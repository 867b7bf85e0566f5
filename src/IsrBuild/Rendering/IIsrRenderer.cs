namespace IsrBuild.Rendering;

/// <summary>Turns a page's template and model into HTML. Publish time and run time share one implementation.</summary>
internal interface IIsrRenderer
{
    Task<string> RenderAsync(string template, object model, CancellationToken cancellationToken);

    /// <summary>Compiles <paramref name="template"/> now, so the first page that uses it does not wait for the compiler.</summary>
    Task WarmUpAsync(string template);
}
