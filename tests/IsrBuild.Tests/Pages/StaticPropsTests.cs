namespace IsrBuild.Tests.Pages;

public sealed class StaticPropsTests
{
    [Fact]
    public void Page_KeepsTheModelIntervalAndTagsSortedWithoutDuplicates()
    {
        var model = new object();
        var props = StaticProps.Page(model, Revalidate.AfterSeconds(10), ["post:2", "posts", "post:2"]);

        Assert.Equal(StaticPropsKind.Page, props.Kind);
        Assert.Same(model, props.Model);
        Assert.Equal(10, props.Revalidate.Seconds);
        Assert.Equal(["post:2", "posts"], props.Tags);
    }

    [Fact]
    public void Page_RejectsABlankTag() =>
        Assert.Throws<ArgumentException>(() => StaticProps.Page(new object(), Revalidate.Never, [" "]));

    [Fact]
    public void Page_RejectsATagLongerThanTheNextJsLimit() =>
        Assert.Throws<ArgumentException>(() => StaticProps.Page(new object(), Revalidate.Never, [new string('t', StaticProps.MaxTagLength + 1)]));

    [Fact]
    public void Page_RejectsMoreTagsThanTheNextJsLimit() =>
        Assert.Throws<ArgumentException>(() => StaticProps.Page(new object(), Revalidate.Never, Enumerable.Range(0, StaticProps.MaxTags + 1).Select(i => $"t{i}")));

    [Theory]
    [InlineData("/posts/2", true)]
    [InlineData("https://example.com/x", true)]
    [InlineData("//evil.example.com", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("posts/2", false)]
    public void Redirect_AcceptsOnlyALocalPathOrAnHttpUrl(string destination, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(destination, StaticProps.Redirect(destination).RedirectDestination);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => StaticProps.Redirect(destination));
        }
    }

    [Fact]
    public void NotFound_CarriesNoModel()
    {
        var props = StaticProps.NotFound();
        Assert.Equal(StaticPropsKind.NotFound, props.Kind);
        Assert.Null(props.Model);
    }
}
