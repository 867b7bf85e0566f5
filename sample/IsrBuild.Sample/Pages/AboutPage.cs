namespace IsrBuild.Sample.Pages;

/// <summary><c>/about</c>: never regenerated on an interval, only on demand.</summary>
public sealed class AboutPage : IsrPage
{
    public override string Route => "/about";

    public override string Template => "About.cshtml";

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticProps.Page(new AboutModel("IsrBuild sample blog"), Revalidate.Never, ["about"]));
}
