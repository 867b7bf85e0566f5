using IsrBuild.Sample.Data;

namespace IsrBuild.Sample.Pages;

/// <summary>The home page's model: the latest posts.</summary>
public sealed record HomeModel(IReadOnlyList<Post> Posts, int RevalidateSeconds);
