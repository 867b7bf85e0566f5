namespace IsrBuild.Testing;

/// <summary>An item page's model.</summary>
public sealed record ItemModel(string Slug, string Title);

/// <summary>An item page over <see cref="TestBackend"/>; the subclasses differ only in route (and so fallback mode).</summary>
public abstract class ItemPageBase(TestBackend backend) : IsrPage
{
    public override string Template => "Item.cshtml";

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken) =>
        backend.GetPropsAsync(
            context.RouteValues.TryGetValue("slug", out var slug) ? slug : context.RouteValues.TryGetValue("id", out var id) ? "n" + id : "home",
            context,
            cancellationToken);
}

/// <summary>Fallback <c>blocking</c> in the test manifest.</summary>
public sealed class BlockingItemPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/blocking/{slug}";
}

/// <summary>Fallback <c>false</c> in the test manifest.</summary>
public sealed class NotFoundItemPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/false/{slug}";
}

/// <summary>Fallback <c>true</c> in the test manifest, with a fallback rendering that names the path and its locale.</summary>
public sealed class BackgroundItemPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/background/{slug}";

    public override string? FallbackTemplate => "Fallback.cshtml";
}

/// <summary>The root page, slug <c>home</c>.</summary>
public sealed class HomeItemPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/";
}

/// <summary>Fallback <c>blocking</c>, with a <c>Cache-Control</c> of the page's own choosing.</summary>
public sealed class CustomCacheControlItemPage(TestBackend backend) : ItemPageBase(backend)
{
    public const string Header = "public, max-age=0, s-maxage=60";

    public override string Route => "/custom/{slug}";

    public override string? CacheControl => Header;
}

/// <summary>Fallback <c>blocking</c>, with a typed route value: its slug in the backend is <c>n</c> and the id (<c>n1</c>).</summary>
public sealed class NumberedItemPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/numbered/{id:long}";
}
