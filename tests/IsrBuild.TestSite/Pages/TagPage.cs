namespace IsrBuild.TestSite.Pages;

/// <summary>
/// <c>/tags/{tag}</c>, listing tags with characters a file name or an MSBuild item cannot hold as they are:
/// non-ASCII, a space, brackets, <c>+</c>, <c>&amp;</c>, <c>%</c>, and a tag holding <c>/</c>, which stays one segment.
/// </summary>
public sealed class TagPage : IsrPage
{
    public static readonly string[] Tags = ["商業日語", "a b", "[x]", "c++", "q&a", "100%", "first/post", "Müller"];

    public override string Route => "/tags/{tag}";

    public override string Template => "Item.cshtml";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticPaths.From(Tags.Select(tag => (object)new { tag }), FallbackMode.Blocking));

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var tag = context.RouteValues["tag"];
        return Task.FromResult(StaticProps.Page(new ItemModel(tag, $"Tag {tag}"), Revalidate.Never, [$"tag:{tag}"]));
    }
}
