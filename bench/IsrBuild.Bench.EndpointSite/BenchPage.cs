using System.Globalization;

namespace IsrBuild.Bench.EndpointSite;

/// <summary>The same post as an <see cref="IsrPage"/> class, never revalidated within the benchmark.</summary>
public sealed class BenchPage : IsrPage
{
    public override string Route => "/page/{id:long}";

    public override string Template => "Page.cshtml";

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticProps.Page(BenchHtml.Of(long.Parse(context.RouteValues["id"], CultureInfo.InvariantCulture)), Revalidate.AfterSeconds(3600)));
}
