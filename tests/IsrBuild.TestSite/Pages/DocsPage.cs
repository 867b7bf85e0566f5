namespace IsrBuild.TestSite.Pages;

/// <summary><c>/docs/{*slug}</c>: a catch-all route listing paths of several segments.</summary>
public sealed class DocsPage : IsrPage
{
    public override string Route => "/docs/{*slug}";

    public override string Template => "Item.cshtml";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticPaths.From([new { slug = "guide/intro/setup" }, new { slug = "a b/商業" }, new { slug = "guide/intro/setup" }], FallbackMode.NotFound));

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var slug = context.RouteValues["slug"];
        return Task.FromResult(StaticProps.Page(new ItemModel(slug, $"Doc {slug}"), Revalidate.Never));
    }
}
