namespace IsrBuild.Sample.Data;

/// <summary>The blog's settings, bound from the <c>Blog</c> configuration section.</summary>
public sealed class BlogOptions
{
    /// <summary>Seconds a post or the home page stays fresh before it is regenerated in the background.</summary>
    public int RevalidateSeconds { get; set; } = 60;

    /// <summary>How many posts a new database is seeded with.</summary>
    public int SeedPosts { get; set; } = 100;
}
