namespace IsrBuild.Rendering;

/// <summary>Turns a page's template and model into HTML. Publish time and run time share one implementation.</summary>
internal interface IIsrRenderer
{
    /// <summary>The full path of the folder templates are read from.</summary>
    string TemplateFolder { get; }

    Task<string> RenderAsync(string template, object model, CancellationToken cancellationToken);

    /// <summary>
    /// Compiles every template now, so the first page rendered does not wait for the compiler; reports each
    /// template that fails to <paramref name="onFailure"/> and returns how many compiled. Stops between templates
    /// once <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<int> WarmUpAsync(Action<string, Exception> onFailure, CancellationToken cancellationToken);
}
