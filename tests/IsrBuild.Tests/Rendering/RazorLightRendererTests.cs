using IsrBuild.Rendering;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace IsrBuild.Tests.Rendering;

public sealed class RazorLightRendererTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("isr-rendering-").FullName;

    public RazorLightRendererTests()
    {
        var templates = Path.Combine(_contentRoot, "IsrTemplates");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "Good.cshtml"), "@model IsrBuild.Tests.Infrastructure.ItemModel\n<h1>@Model.Title</h1>\n");
        File.WriteAllText(Path.Combine(templates, "Other.cshtml"), "@model IsrBuild.Tests.Infrastructure.ItemModel\n<p>@Model.Slug</p>\n");
        File.WriteAllText(Path.Combine(templates, "Broken.cshtml"), "@model IsrBuild.Tests.Infrastructure.ItemModel\n<h1>@Model.NoSuchProperty</h1>\n");
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

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private RazorLightRenderer CreateRenderer() => new(
        new HostingEnvironment { ContentRootPath = _contentRoot, ApplicationName = typeof(RazorLightRendererTests).Assembly.GetName().Name! },
        Options.Create(new IsrOptions()),
        new CompiledTemplateFolders());
}
