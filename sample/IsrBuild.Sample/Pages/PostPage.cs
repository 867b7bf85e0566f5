using System.Globalization;
using IsrBuild.Sample.Data;
using Microsoft.Extensions.Options;

namespace IsrBuild.Sample.Pages;

/// <summary>
/// <c>/posts/{id}</c>: one post. Every post is prerendered; a post added later renders on its first request
/// (fallback blocking); a deleted post becomes a 404.
/// </summary>
public sealed class PostPage(BlogDatabase database, IOptions<BlogOptions> options) : IsrPage
{
    public override string Route => "/posts/{id:long}";

    public override string Template => "Post.cshtml";

    public override async Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken)
    {
        var ids = await database.GetPostIdsAsync(cancellationToken);
        return StaticPaths.From(ids.Select(id => (object)new { id }), FallbackMode.Blocking);
    }

    public override async Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var id = long.Parse(context.RouteValues["id"], CultureInfo.InvariantCulture);
        var post = await database.FindPostAsync(id, cancellationToken);
        return post is null
            ? StaticProps.NotFound()
            : StaticProps.Page(post, Revalidate.AfterSeconds(options.Value.RevalidateSeconds), ["posts", $"post:{id}"]);
    }
}
