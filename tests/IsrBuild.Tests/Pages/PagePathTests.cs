namespace IsrBuild.Tests.Pages;

public sealed class PagePathTests
{
    [Theory]
    [InlineData("/posts/1/", "/posts/1")]
    [InlineData("/index", "/")]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/about//", "/about")]
    public void Normalize_DropsTrailingSlashesAndReadsIndexAsRoot(string path, string key) =>
        Assert.Equal(key, PagePath.Normalize(path));

    [Theory]
    [InlineData("/", "index.html")]
    [InlineData("/posts/1", "posts/1.html")]
    [InlineData("/a b/ü", "a%20b/%C3%BC.html")]
    public void ToFileName_GivesAPortableRelativeFile(string path, string file) =>
        Assert.Equal(file, PagePath.ToFileName(path));

    [Fact]
    public void ToFileName_ShortensAnOverlongSegmentToItsHash()
    {
        var file = PagePath.ToFileName("/posts/" + new string('x', 400));
        Assert.StartsWith("posts/~", file, StringComparison.Ordinal);
        Assert.True(file.Length < 100);
    }
}
