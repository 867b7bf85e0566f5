using System.Net;
using IsrBuild.Generation;

namespace IsrBuild.Tests.Development;

/// <summary>Development mode (as <c>next dev</c>) on a real Kestrel host: fresh every request, nothing kept.</summary>
public sealed class DevelopmentModeTests : ServingTestBase
{
    public DevelopmentModeTests() => ExtraConfiguration = options =>
    {
        options.DevelopmentMode = true;
        options.RevalidateSecret = Secret;
        options.AddPage<DevelopmentBlockingPage>().AddPage<DevelopmentListedPage>();
    };

    private const string Secret = "a-development-secret-of-at-least-32-characters";

    [Fact]
    public async Task EveryRequest_RunsStaticPropsAndRendersFresh_AndNothingIsKept()
    {
        Backend.Titles["a"] = "First";
        var (first, _) = await GetAsync("/dev/a");
        Backend.Titles["a"] = "Second";
        var (second, body) = await GetAsync("/dev/a");

        Assert.Equal("DEV", CacheState(first));
        Assert.Equal("DEV", CacheState(second));
        Assert.Equal("no-store, must-revalidate", CacheControl(second));
        Assert.Contains("<h1>Second</h1>", body, StringComparison.Ordinal);
        Assert.Equal(2, Backend.Calls("a"));
        Assert.Equal(0, RegeneratedRows());
        Assert.Contains(Host.Log.Entries, entry => entry.EventId == 27);
    }

    [Fact]
    public async Task APathStaticPathsDoNotList_UnderAFalseFallback_Is404_AsNextDevDecidesPerRequest()
    {
        Backend.Titles["listed"] = "Listed";
        Backend.Titles["other"] = "Other";

        var (listed, _) = await GetAsync("/devlisted/listed");
        var (other, _) = await GetAsync("/devlisted/other");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("DEV", CacheState(other));
        Assert.Equal(0, Backend.Calls("other"));
    }

    [Fact]
    public async Task NotFoundAndRedirects_AnswerAsProductionWould_WithoutBeingKept()
    {
        Backend.Redirects["moved"] = "/dev/a";

        var (missing, _) = await GetAsync("/dev/missing");
        var (moved, movedBody) = await GetAsync("/dev/moved");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("no-store, must-revalidate", CacheControl(missing));
        Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
        Assert.Equal("/dev/a", moved.Headers.Location!.OriginalString);
        Assert.Equal("/dev/a", movedBody);
        Assert.Equal(0, RegeneratedRows());
    }

    [Fact]
    public async Task ATemplateEdit_ShowsOnTheNextRequest_WithoutARestart()
    {
        Backend.Titles["a"] = "Edited live";
        var (_, before) = await GetAsync("/dev/a");
        var template = Path.Combine(ContentRoot, "IsrTemplates", "Item.cshtml");
        File.WriteAllText(template, File.ReadAllText(template).Replace("<h1>", "<h1 class=\"new\">", StringComparison.Ordinal));
        var (_, after) = await GetAsync("/dev/a");

        Assert.Contains("<h1>Edited live</h1>", before, StringComparison.Ordinal);
        Assert.Contains("<h1 class=\"new\">Edited live</h1>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATemplateThatDoesNotCompile_FailsTheRequest_NamingThePageThePathAndTheTemplatesLine()
    {
        Backend.Titles["a"] = "A";
        File.WriteAllText(Path.Combine(ContentRoot, "IsrTemplates", "Item.cshtml"), "@model IsrBuild.Testing.ItemModel\n<p>fine</p>\n<h1>@Model.NoSuchProperty</h1>\n");

        var (failed, _) = await GetAsync("/dev/a");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var error = Assert.Single(Host.Log.AllEntries, entry => entry.Exception is PageGenerationException).Exception!;
        Assert.Contains(nameof(DevelopmentBlockingPage), error.Message, StringComparison.Ordinal);
        Assert.Contains("'/dev/a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("rendering template 'Item.cshtml'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Item.cshtml(3,13): 'ItemModel' does not contain a definition for 'NoSuchProperty'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRevalidateRoute_AnswersAsUsual_AndKeepsNothing()
    {
        Backend.Titles["a"] = "A";

        var response = await Client.PostAsync($"/api/revalidate?secret={Secret}&path=/dev/a", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"regenerated\"", body, StringComparison.Ordinal);
        Assert.Equal(0, RegeneratedRows());
    }
}

/// <summary>Lists nothing and renders any slug on demand (fallback <c>blocking</c>), decided by its static paths.</summary>
public sealed class DevelopmentBlockingPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/dev/{slug}";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticPaths.None(FallbackMode.Blocking));
}

/// <summary>Lists one slug, and nothing else exists (fallback <c>false</c>).</summary>
public sealed class DevelopmentListedPage(TestBackend backend) : ItemPageBase(backend)
{
    public override string Route => "/devlisted/{slug}";

    public override Task<StaticPaths> GetStaticPathsAsync(StaticPathsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticPaths.From([new { slug = "listed" }], FallbackMode.NotFound));
}
