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
    [InlineData("first/post", "first%2Fpost")]
    [InlineData("first%2Fpost", "first%252Fpost")]
    [InlineData("商業日語", "商業日語")]
    [InlineData("a b+[x]&", "a b+[x]&")]
    public void EscapeSegment_EncodesOnlyPercentAndSlash_AndUnescapeValueUndoesIt(string segment, string escaped)
    {
        Assert.Equal(escaped, PagePath.EscapeSegment(segment));
        Assert.Equal(segment, PagePath.UnescapeValue(escaped));
    }
}
