using IsrBuild.Rendering;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace IsrBuild.Tests.Rendering;

public sealed class RazorLightRendererTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    public RazorLightRendererTests()
    {
        var templates = Path.Combine(_contentRoot.Path, "IsrTemplates");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "Good.cshtml"), "@model IsrBuild.Testing.ItemModel\n<h1>@Model.Title</h1>\n");
        File.WriteAllText(Path.Combine(templates, "Other.cshtml"), "@model IsrBuild.Testing.ItemModel\n<p>@Model.Slug</p>\n");
        File.WriteAllText(Path.Combine(templates, "Broken.cshtml"), "@model IsrBuild.Testing.ItemModel\n<h1>@Model.NoSuchProperty</h1>\n");
    }

    [Fact]
    public async Task WarmUp_ReportsATemplateThatDoesNotCompile_AndCompilesTheRest()
    {
        var failures = new List<string>();

        var compiled = await CreateRenderer().WarmUpAsync((template, _) => failures.Add(template), CancellationToken.None);

        Assert.Equal(2, compiled);
        Assert.Equal(["Broken.cshtml"], failures);
    }

    [Fact]
    public async Task WarmUp_Cancelled_StopsBeforeTheNextTemplate()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateRenderer().WarmUpAsync((_, _) => { }, stopping.Token));
    }

    [Fact]
    public async Task Render_FillsTheTemplateWithTheModel()
    {
        var html = await CreateRenderer().RenderAsync("Good.cshtml", new ItemModel("a", "Hello <world>"), CancellationToken.None);

        Assert.Equal("<h1>Hello &lt;world&gt;</h1>\n", html);
    }

    [Fact]
    public async Task ATemplateThatDoesNotCompile_IsNamedByItsFileLineAndColumnCountedFromOne_AndHeadsTheExceptionChain()
    {
        // The unknown member stands on line 6, from column 15 ("    <p>@Model." is 14 characters); RazorLight says (5:14).
        File.WriteAllText(
            Path.Combine(_contentRoot.Path, "IsrTemplates", "Sixth.cshtml"),
            "@model IsrBuild.Testing.ItemModel\n<main>\n  <h1>@Model.Title</h1>\n\n  <div>\n    <p>@Model.Misspelt</p>\n  </div>\n</main>\n");

        var failure = await Assert.ThrowsAsync<TemplateCompilationFailedException>(() =>
            CreateRenderer().RenderAsync("Sixth.cshtml", new ItemModel("a", "A"), CancellationToken.None));

        Assert.StartsWith("Sixth.cshtml(6,15): ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Misspelt'", failure.Message, StringComparison.Ordinal);
        Assert.Equal((6, 15), (failure.Line, failure.Column));
        Assert.Equal(Path.Combine(_contentRoot.Path, "IsrTemplates", "Sixth.cshtml"), failure.File);
        Assert.Null(failure.InnerException);
    }

    [Fact]
    public async Task WarmUp_ReportsATemplateThatDoesNotCompile_ByItsFileLineAndColumn()
    {
        Exception? reported = null;

        await CreateRenderer().WarmUpAsync((_, exception) => reported = exception, CancellationToken.None);

        var failure = Assert.IsType<TemplateCompilationFailedException>(reported);
        Assert.Equal(2, failure.Line);
        Assert.StartsWith("Broken.cshtml(2,", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMisspeltTemplateName_NamesTheFolderSearchedAndTheTemplatesItHolds_NotRazorLightsOptions()
    {
        var failure = await Assert.ThrowsAsync<TemplateMissingException>(() =>
            CreateRenderer().RenderAsync("Goood.cshtml", new ItemModel("a", "A"), CancellationToken.None));

        Assert.Contains("'Goood.cshtml' is not in the template folder", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Broken.cshtml, Good.cshtml, Other.cshtml", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RazorLightOptions", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.InnerException);
    }

    [Fact]
    public async Task AMissingLayout_IsNamedAsTheLayoutTheTemplateUses()
    {
        File.WriteAllText(
            Path.Combine(_contentRoot.Path, "IsrTemplates", "WithLayout.cshtml"),
            "@model IsrBuild.Testing.ItemModel\n@{ Layout = \"_Missing.cshtml\"; }\n<h1>@Model.Title</h1>\n");

        var failure = await Assert.ThrowsAsync<TemplateMissingException>(() =>
            CreateRenderer().RenderAsync("WithLayout.cshtml", new ItemModel("a", "A"), CancellationToken.None));

        Assert.Contains("'WithLayout.cshtml' uses a layout or template that is not in the template folder", failure.Message, StringComparison.Ordinal);
        Assert.Contains("_Missing.cshtml", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _contentRoot.Dispose();

    private RazorLightRenderer CreateRenderer() => new(
        new HostingEnvironment { ContentRootPath = _contentRoot.Path, ApplicationName = typeof(RazorLightRendererTests).Assembly.GetName().Name! },
        Options.Create(new IsrOptions()),
        new CompiledTemplateFolders());
}
