namespace IsrBuild;

/// <summary>What a page's <see cref="IsrPage.GetStaticPropsAsync"/> is told: the path and its route values.</summary>
public sealed class StaticPropsContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="path">The page's path, such as <c>/posts/42</c>.</param>
    /// <param name="routeValues">The route values the path was made from.</param>
    /// <param name="reason">Why the page is being generated.</param>
    public StaticPropsContext(string path, IReadOnlyDictionary<string, string> routeValues, GenerationReason reason)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(routeValues);
        Path = path;
        RouteValues = routeValues;
        Reason = reason;
    }

    /// <summary>The page's path, such as <c>/posts/42</c>.</summary>
    public string Path { get; }

    /// <summary>The route values of the path (the <c>params</c> of Next.js).</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>Why the page is being generated.</summary>
    public GenerationReason Reason { get; }

    /// <summary>Whether the call happens during <c>dotnet publish</c> (otherwise in the serving host).</summary>
    public bool IsPublishTime => Reason == GenerationReason.Publish;
}
