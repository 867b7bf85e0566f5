namespace IsrBuild.Tests.Pages;

public sealed class RevalidateTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AfterSeconds_RejectsAnIntervalThatIsNotPositive(int seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Revalidate.AfterSeconds(seconds));
        Assert.Contains("positive", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_RejectsAFractionOfASecond() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Revalidate.After(TimeSpan.FromMilliseconds(1500)));

    [Fact]
    public void After_AcceptsWholeSeconds()
    {
        var revalidate = Revalidate.After(TimeSpan.FromMinutes(2));
        Assert.Equal(120, revalidate.Seconds);
        Assert.False(revalidate.IsNever);
    }

    [Fact]
    public void Default_IsNever_AsAnOmittedRevalidateIsInNextJs()
    {
        Assert.True(default(Revalidate).IsNever);
        Assert.Equal(Revalidate.Never, default);
        Assert.Null(Revalidate.Never.Interval);
    }
}
