namespace IsrBuild;

/// <summary>What a page's <see cref="IsrPage.GetStaticPathsAsync"/> is told about the call.</summary>
public sealed class StaticPathsContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="isPublishTime">Whether the call happens during <c>dotnet publish</c>.</param>
    public StaticPathsContext(bool isPublishTime) => IsPublishTime = isPublishTime;

    /// <summary>Whether the call happens during <c>dotnet publish</c> (otherwise in the serving host).</summary>
    public bool IsPublishTime { get; }
}
