namespace IsrBuild;

/// <summary>
/// Tells the site's own startup code whether it runs inside the publish-time generator, so it can skip work that
/// only makes sense in a serving host (migrations against production, warming caches, and so on).
/// </summary>
public static class IsrEnvironment
{
    /// <summary>The environment variable the publish-time generator sets to <c>1</c>.</summary>
    public const string PublishTimeVariable = "ISRBUILD_GENERATING";

    /// <summary>Whether this process is the publish-time generator.</summary>
    public static bool IsPublishTime { get; } =
        Environment.GetEnvironmentVariable(PublishTimeVariable) == "1";
}
