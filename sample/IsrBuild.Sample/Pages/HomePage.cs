using IsrBuild.Sample.Data;
using Microsoft.Extensions.Options;

namespace IsrBuild.Sample.Pages;

/// <summary><c>/</c>: the latest posts, regenerated every <c>Blog:RevalidateSeconds</c>.</summary>
public sealed class HomePage(BlogDatabase database, IOptions<BlogOptions> options) : IsrPage
{
    private const int PostsShown = 50;

    public override string Route => "/";

    public override string Template => "Home.cshtml";

    public override async Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var posts = await database.GetLatestPostsAsync(PostsShown, cancellationToken);
        return StaticProps.Page(
            new HomeModel(posts, options.Value.RevalidateSeconds),
            Revalidate.AfterSeconds(options.Value.RevalidateSeconds),
            ["posts"]);
    }
}
