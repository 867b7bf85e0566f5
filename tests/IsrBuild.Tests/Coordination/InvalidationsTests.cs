using IsrBuild.Coordination;

namespace IsrBuild.Tests.Coordination;

/// <summary>Which invalidation puts a page out of date: its tags, its path, the prefixes of its path, and only later ones.</summary>
public sealed class InvalidationsTests
{
    private static readonly DateTimeOffset Written = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly StoredPage Post = new()
    {
        Path = "/blog/posts/42",
        Route = "/blog/posts/{id}",
        Kind = StoredPageKind.Page,
        GeneratedAt = Written,
        Tags = ["post:42", "posts"],
    };

    [Theory]
    [InlineData(InvalidationScope.Tag, "posts", true)]
    [InlineData(InvalidationScope.Tag, "post:4", false)]
    [InlineData(InvalidationScope.Path, "/blog/posts/42", true)]
    [InlineData(InvalidationScope.Path, "/blog/posts", false)]
    [InlineData(InvalidationScope.Prefix, "/", true)]
    [InlineData(InvalidationScope.Prefix, "/blog", true)]
    [InlineData(InvalidationScope.Prefix, "/blog/posts", true)]
    [InlineData(InvalidationScope.Prefix, "/blog/posts/42", true)]
    [InlineData(InvalidationScope.Prefix, "/blog/post", false)]
    [InlineData(InvalidationScope.Prefix, "/blog/posts/4", false)]
    [InlineData(InvalidationScope.Prefix, "/blog/posts/42/comments", false)]
    public void APage_IsOutOfDate_OnlyByWhatNamesIt(InvalidationScope scope, string target, bool applies)
    {
        var table = new Invalidations();
        table.Apply(new Invalidation(scope, target, Written.AddSeconds(1), InvalidationMode.Stale));

        Assert.Equal(applies, table.Of(Post) is not null);
    }

    [Fact]
    public void AnInvalidation_MadeBeforeThePageWasWritten_LeavesItAlone()
    {
        var table = new Invalidations();
        table.Apply(new Invalidation(InvalidationScope.Tag, "posts", Written, InvalidationMode.Expire));

        Assert.Null(table.Of(Post));
    }

    [Fact]
    public void OfSeveral_ExpiryWins_ThenTheLatest_AndAnOlderOneForTheSameTargetChangesNothing()
    {
        var table = new Invalidations();
        table.Apply(new Invalidation(InvalidationScope.Tag, "posts", Written.AddSeconds(5), InvalidationMode.Stale));
        table.Apply(new Invalidation(InvalidationScope.Prefix, "/blog", Written.AddSeconds(2), InvalidationMode.Expire));
        var version = table.Version;

        var older = table.Apply(new Invalidation(InvalidationScope.Tag, "posts", Written.AddSeconds(3), InvalidationMode.Stale));

        Assert.False(older);
        Assert.Equal(version, table.Version);
        Assert.Equal((InvalidationScope.Prefix, InvalidationMode.Expire), (table.Of(Post)!.Scope, table.Of(Post)!.Mode));
    }
}
