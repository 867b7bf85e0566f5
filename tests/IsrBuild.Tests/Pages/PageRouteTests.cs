namespace IsrBuild.Tests.Pages;

public sealed class PageRouteTests
{
    [Fact]
    public void BindPath_FillsParametersFromAnAnonymousObject()
    {
        var route = new PageRoute("/posts/{id:int}");
        Assert.Equal("/posts/42", route.BindPath(StaticPaths.ToStrings(new { id = 42 })));
    }

    [Fact]
    public void BindPath_OfTheRootRoute_IsTheRootPath() =>
        Assert.Equal("/", new PageRoute("/").BindPath(StaticPaths.ToStrings(new { })));

    [Fact]
    public void BindPath_SplitsACatchAllValueIntoSegments() =>
        Assert.Equal("/docs/a/b", new PageRoute("/docs/{*slug}").BindPath(StaticPaths.ToStrings(new { slug = "a/b" })));

    [Fact]
    public void BindPath_WithAMissingValue_NamesTheParameter()
    {
        var exception = Assert.Throws<ArgumentException>(() => new PageRoute("/posts/{id}").BindPath(StaticPaths.ToStrings(new { })));
        Assert.Contains("'id'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b", "/posts/a%2Fb")]
    [InlineData("100%", "/posts/100%25")]
    [InlineData("商業日語", "/posts/商業日語")]
    [InlineData("a b", "/posts/a b")]
    public void BindPath_KeepsASlashOrPercentOfAPlainValueInsideItsSegment(string value, string path) =>
        Assert.Equal(path, new PageRoute("/posts/{id}").BindPath(StaticPaths.ToStrings(new { id = value })));

    [Theory]
    [InlineData("..")]
    [InlineData("a\u0001b")]
    [InlineData("")]
    public void BindPath_RejectsValuesThatWouldEscapeOrEmptyTheSegment(string value) =>
        Assert.Throws<ArgumentException>(() => new PageRoute("/posts/{id}").BindPath(StaticPaths.ToStrings(new { id = value })));

    [Fact]
    public void BindPath_RejectsADotDotSegmentInACatchAll() =>
        Assert.Throws<ArgumentException>(() => new PageRoute("/docs/{*slug}").BindPath(StaticPaths.ToStrings(new { slug = "a/../../etc" })));
}
