using IsrBuild.Localization;
using Microsoft.Extensions.Options;

namespace IsrBuild.Tests.Localization;

/// <summary>How locales show in keys: prefixes, the default locale's two URLs, revalidation targets, detection.</summary>
public sealed class PageLocalesTests
{
    private static readonly PageLocales Locales = new(Options.Create(new IsrOptions { Locales = ["en", "fr", "de-CH"], DefaultLocale = "EN" }));
    private static readonly PageLocales Off = new(Options.Create(new IsrOptions()));

    [Theory]
    [InlineData("/posts/1", "en", "/posts/1")]
    [InlineData("/fr/posts/1", "fr", "/posts/1")]
    [InlineData("/FR/posts/1", "fr", "/posts/1")]
    [InlineData("/fr", "fr", "/")]
    [InlineData("/de-ch/a", "de-CH", "/a")]
    [InlineData("/france/posts/1", "en", "/france/posts/1")]
    [InlineData("/", "en", "/")]
    public void Split_ReadsTheLocalePrefix_AndAnUnprefixedPathIsTheDefaultLocales(string key, string locale, string path) =>
        Assert.Equal((locale, path), Locales.Split(key));

    [Theory]
    [InlineData("/en/posts/1", "/posts/1")]
    [InlineData("/en", "/")]
    [InlineData("/Fr/posts/1", "/fr/posts/1")]
    [InlineData("/posts/1", "/posts/1")]
    public void Canonical_DropsTheDefaultLocalesPrefix_AndSpellsOthersAsConfigured(string key, string canonical) =>
        Assert.Equal(canonical, Locales.Canonical(key));

    [Fact]
    public void WithoutLocales_KeysArePlainPaths()
    {
        Assert.Equal((null, "/fr/posts/1"), Off.Split("/fr/posts/1"));
        Assert.Equal("/fr/posts/1", Off.Canonical("/fr/posts/1"));
        Assert.Equal(["/posts/1"], Off.KeysFor("/posts/1", "fr"));
        Assert.Equal(string.Empty, Off.Signature);
    }

    [Fact]
    public void KeysFor_NamesOneLocale_EveryLocale_OrThePrefixedPathItself()
    {
        Assert.Equal(["/posts/1"], Locales.KeysFor("/posts/1", null));
        Assert.Equal(["/fr/posts/1"], Locales.KeysFor("/posts/1", "FR"));
        Assert.Equal(["/posts/1", "/fr/posts/1", "/de-CH/posts/1"], Locales.KeysFor("/posts/1", "*"));
        Assert.Equal(["/fr"], Locales.KeysFor("/", "fr"));
        Assert.Equal(["/de-CH/posts/1"], Locales.KeysFor("/de-CH/posts/1", "fr"));
        Assert.Throws<ArgumentException>(() => Locales.KeysFor("/posts/1", "it"));
    }

    [Fact]
    public void ProblemWith_RefusesAnUnknownLocale_AndAnyLocaleWhenTheSiteHasNone()
    {
        Assert.Null(Locales.ProblemWith(null));
        Assert.Null(Locales.ProblemWith("*"));
        Assert.Null(Locales.ProblemWith("FR"));
        Assert.Null(Off.ProblemWith(string.Empty));
        Assert.Contains("'it' is not one of the site's locales", Locales.ProblemWith("it"), StringComparison.Ordinal);
        Assert.Contains("the site has no locales", Off.ProblemWith("fr"), StringComparison.Ordinal);
        Assert.Contains("the site has no locales", Off.ProblemWith("*"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-CA,fr;q=0.9,en;q=0.8", "fr")]
    [InlineData("de", "de-CH")]
    [InlineData("en;q=0.5, de-CH;q=0.9", "de-CH")]
    [InlineData("fr;q=0, en", "en")]
    [InlineData("*", null)]
    [InlineData("ja, zh", null)]
    [InlineData("", null)]
    public void Detect_TakesTheBestMatchByQuality_ExactThenByLanguage(string acceptLanguage, string? expected) =>
        Assert.Equal(expected, Locales.Detect(acceptLanguage));

    [Fact]
    public void Signature_RecordsTheLocalesAndTheDefault() =>
        Assert.Equal("en,fr,de-CH;en", Locales.Signature);
}
