namespace IsrBuild.TestSite.Pages;

/// <summary>
/// <c>/articles/{slug}</c> in two locales: <c>hello</c> is published in English, <c>bonjour</c> in French only. A
/// render in draft mode shows the unpublished title and the draft data. An article's edit, as a CMS would make one, is
/// the text of the file <c>TestSite:ArticleEdits</c> names, when it exists.
/// </summary>
public sealed class ArticlesPage(IConfiguration configuration) : IsrPage
{
    public override string Route => "/articles/{slug}";

    public override string Template => "Item.cshtml";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken)
    {
        object[] paths = [new { slug = "hello" }, new LocalizedPath(new { slug = "bonjour" }, "fr")];
        return Task.FromResult(StaticPaths.From(paths, FallbackMode.NotFound));
    }

    private string Edit() =>
        configuration["TestSite:ArticleEdits"] is { Length: > 0 } file && File.Exists(file) ? File.ReadAllText(file) : string.Empty;

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var slug = context.RouteValues["slug"];
        var title = context.IsDraft ? $"Draft of {slug} ({context.DraftData ?? "no data"})" : $"Article {slug}{Edit()}";
        return Task.FromResult(StaticProps.Page(
            new ItemModel(slug, $"{title} [{context.Locale}]"),
            Revalidate.AfterSeconds(300),
            [$"article:{slug}", "articles"]));
    }
}
