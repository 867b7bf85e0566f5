namespace IsrBuild.Coordination;

/// <summary>What an invalidation names.</summary>
public enum InvalidationScope
{
    /// <summary>Every page carrying a tag, as static props gave it.</summary>
    Tag,

    /// <summary>One page, by its key (<c>/posts/42</c>).</summary>
    Path,

    /// <summary>A page and every page below it (<c>/posts/*</c> names <c>/posts</c> and <c>/posts/42</c>; <c>/*</c> every page).</summary>
    Prefix,
}
