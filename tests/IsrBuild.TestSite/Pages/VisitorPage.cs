namespace IsrBuild.TestSite.Pages;

/// <summary>
/// <c>/visitor/{name}</c>: a page that (wrongly) reads the current request through <see cref="IHttpContextAccessor"/>.
/// A render that is cached for everyone must never see a request, so its title must always say "no request".
/// </summary>
public sealed class VisitorPage(IHttpContextAccessor accessor) : IsrPage
{
    public override string Route => "/visitor/{name}";

    public override string Template => "Item.cshtml";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticPaths.From([new { name = "published" }], FallbackMode.Blocking));

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken)
    {
        var request = accessor.HttpContext?.Request;
        var seen = request is null ? "no request" : $"cookie {request.Cookies["visitor"] ?? "(none)"}";
        return Task.FromResult(StaticProps.Page(
            new ItemModel(context.RouteValues["name"], $"Rendered with {seen}"),
            Revalidate.AfterSeconds(1),
            ["visitor"]));
    }
}
