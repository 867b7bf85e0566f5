namespace IsrBuild.TestSite.Pages;

/// <summary>
/// <c>/items/{slug}</c>: <c>gone</c> is not found, <c>moved</c> redirects to <c>/items/a</c>, and the slug named by
/// <c>TestSite:ThrowOnSlug</c> throws, so a test can make the publish fail.
/// </summary>
public sealed class ItemsPage(IConfiguration configuration) : IsrPage
{
    public override string Route => "/items/{slug}";

    public override string Template => "Item.cshtml";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken)
    {
        object[] slugs = [new { slug = "a" }, new { slug = "b" }, new { slug = "gone" }, new { slug = "moved" }, new { slug = "boom" }];
        return Task.FromResult(StaticPaths.From(slugs, FallbackMode.NotFound));
    }

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var slug = context.RouteValues["slug"];
        if (slug == configuration["TestSite:ThrowOnSlug"])
        {
            throw new InvalidOperationException($"The item '{slug}' could not be loaded.");
        }

        var props = slug switch
        {
            "gone" => StaticProps.NotFound(),
            "moved" => StaticProps.Redirect("/items/a", permanent: true),
            _ => StaticProps.Page(
                new ItemModel(slug, $"Item {slug}"),
                Revalidate.AfterSeconds(configuration.GetValue("TestSite:RevalidateSeconds", 30)),
                [$"item:{slug}", "items"]),
        };
        return Task.FromResult(props);
    }
}
