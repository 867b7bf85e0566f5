using System.Net;
using System.Text.Json;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Packaging;

/// <summary>
/// ISR on the pages a site already has, as a new user adds it: the packed package added to a fresh
/// <c>dotnet new razor</c> and a fresh <c>dotnet new blazor --interactivity None</c>, one page marked
/// <c>[Isr(RevalidateSeconds = 2)]</c> that tags itself with <c>HttpContext.Isr()</c>, two of its paths listed in
/// <c>AddIsrPaths</c>, <c>AddIsr()</c> and <c>MapIsr()</c>. Each post's title is a file the test edits.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class FreshEndpointPagesTests(PackedIsrBuild package) : IDisposable
{
    private const string Secret = "fresh-endpoint-pages-secret-0123456789abcdef";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ARazorPage_WithIsr_IsPrerenderedInTheAppsLayout_RegeneratedAndRevalidated()
    {
        var site = await package.CreateFromTemplateAsync(_directory, "razor");
        File.WriteAllText(Path.Combine(site, "Pages", "Post.cshtml"), """
            @page "/posts/{id:int}"
            @model Site.Pages.PostModel
            @{
                ViewData["Title"] = Model.Title;
            }
            <h1>@Model.Title</h1>
            <p>visitor: @Model.Visitor</p>
            <a asp-page="/Privacy">Privacy</a>
            """);
        File.WriteAllText(Path.Combine(site, "Pages", "Post.cshtml.cs"), """
            using IsrBuild;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Site.Pages;

            [Isr(RevalidateSeconds = 2)]
            public class PostModel : PageModel
            {
                public string Title { get; private set; } = "";

                public string Visitor { get; private set; } = "";

                public IActionResult OnGet(int id)
                {
                    var file = Path.Combine(Environment.GetEnvironmentVariable("POSTS_DIR")!, $"{id}.txt");
                    if (!System.IO.File.Exists(file))
                    {
                        return NotFound();
                    }

                    Title = System.IO.File.ReadAllText(file).Trim();
                    Visitor = Request.Cookies["visitor"] ?? "none";
                    HttpContext.Isr().Tag($"post:{id}");
                    return Page();
                }
            }
            """);
        AddIsrToProgram(site, "builder.Services.AddRazorPages();", "app.MapRazorPages()");

        await PublishServeAndCheckAsync(site, layoutMarker: "- Site</title>", linkMarker: "href=\"/Privacy\"", plainPath: "/Privacy");
    }

    [Fact]
    public async Task ABlazorStaticPage_WithIsr_IsPrerenderedInTheAppsLayout_RegeneratedAndRevalidated()
    {
        var site = await package.CreateFromTemplateAsync(_directory, "blazor", "--interactivity", "None");
        File.WriteAllText(Path.Combine(site, "Components", "Pages", "Post.razor"), """
            @page "/posts/{Id:int}"
            @attribute [IsrBuild.Isr(RevalidateSeconds = 2)]

            <PageTitle>@title</PageTitle>
            <h1>@title</h1>
            <p>visitor: @visitor</p>
            <a href="weather">Weather</a>

            @code {
                [Parameter] public int Id { get; set; }

                [CascadingParameter] public HttpContext? HttpContext { get; set; }

                private string? title;
                private string visitor = "none";

                protected override void OnInitialized()
                {
                    var file = Path.Combine(Environment.GetEnvironmentVariable("POSTS_DIR")!, $"{Id}.txt");
                    if (!File.Exists(file))
                    {
                        HttpContext!.Response.StatusCode = 404;
                        return;
                    }

                    title = File.ReadAllText(file).Trim();
                    visitor = HttpContext!.Request.Cookies["visitor"] ?? "none";
                    HttpContext.Isr().Tag($"post:{Id}");
                }
            }
            """);
        AddIsrToProgram(site, "builder.Services.AddRazorComponents();", "app.MapRazorComponents<App>()");

        await PublishServeAndCheckAsync(site, layoutMarker: "<title>Post one</title>", linkMarker: "href=\"weather\"", plainPath: "/weather");
    }

    /// <summary>Adds AddIsr, AddIsrPaths and MapIsr to the template's Program.cs, MapIsr before the app's own Map call.</summary>
    private static void AddIsrToProgram(string site, string services, string map)
    {
        var program = Path.Combine(site, "Program.cs");
        var text = File.ReadAllText(program);
        Assert.Contains(services, text, StringComparison.Ordinal);
        Assert.Contains(map, text, StringComparison.Ordinal);
        text = text
            .Replace(services, services + "\nbuilder.Services.AddIsr();\nbuilder.Services.AddIsrPaths(\"/posts/1\", \"/posts/2\");", StringComparison.Ordinal)
            .Replace(map, "app.MapIsr();\n" + map, StringComparison.Ordinal);
        File.WriteAllText(program, text);
    }

    private async Task PublishServeAndCheckAsync(string site, string layoutMarker, string linkMarker, string plainPath)
    {
        var posts = _directory.Combine("posts");
        Directory.CreateDirectory(posts);
        foreach (var (id, title) in new[] { (1, "Post one"), (2, "Post two"), (3, "Post three"), (4, "Post four") })
        {
            File.WriteAllText(Path.Combine(posts, $"{id}.txt"), title);
        }

        var output = _directory.Combine("out");
        var publish = await package.PublishAsync(site, output, new Dictionary<string, string> { ["POSTS_DIR"] = posts });

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains("IsrBuild: prerendered 2 pages", publish.Output, StringComparison.Ordinal);
        Assert.Equal(["/posts/1", "/posts/2"], PublishedManifest.Read(output).PagePaths.Order(StringComparer.Ordinal));

        using var server = await SiteProcess.StartAsync(output, "Site", new Dictionary<string, string>
        {
            ["POSTS_DIR"] = posts,
            ["Isr__RevalidateSecret"] = Secret,
            ["Isr__CacheDirectory"] = _directory.Combine("cache"),
        });
        var client = server.Client;

        // Served from publish's copy, inside the app's own layout, never rendered.
        using var first = await client.GetAsync("/posts/1");
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(CacheState(first) is "HIT" or "STALE", CacheState(first));
        Assert.Contains("<h1>Post one</h1>", firstBody, StringComparison.Ordinal);
        Assert.Contains(layoutMarker, firstBody, StringComparison.Ordinal);
        Assert.Contains(linkMarker, firstBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Regenerated /posts/1 (FirstRequest)", server.Output, StringComparison.Ordinal);

        // After an edit and the interval: STALE once with the old content, then a HIT with the new.
        File.WriteAllText(Path.Combine(posts, "2.txt"), "Post two, edited");
        await Eventually.TrueAsync(async () => await IsStaleAsync(client, "/posts/2"), "the interval of /posts/2 passes", () => server.Output);
        using var stale = await client.GetAsync("/posts/2");
        Assert.Equal("STALE", CacheState(stale));
        Assert.Contains("<h1>Post two</h1>", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await client.GetAsync("/posts/2");
                return CacheState(response) == "HIT" && (await response.Content.ReadAsStringAsync()).Contains("<h1>Post two, edited</h1>", StringComparison.Ordinal);
            },
            "the regenerated /posts/2 is served as a HIT",
            () => server.Output);

        // An unlisted path: a MISS, then a HIT.
        using var miss = await client.GetAsync("/posts/3");
        using var hit = await client.GetAsync("/posts/3");
        Assert.Equal("MISS", CacheState(miss));
        Assert.Equal("HIT", CacheState(hit));
        Assert.Contains("<h1>Post three</h1>", await hit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A visitor's cookie reaches neither the stored page nor that visitor's own answer.
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/posts/4");
        withCookie.Headers.Add("Cookie", "visitor=alice");
        using var firstVisitor = await client.SendAsync(withCookie);
        using var secondVisitor = await client.GetAsync("/posts/4");
        Assert.Equal("MISS", CacheState(firstVisitor));
        Assert.Contains("visitor: none", await firstVisitor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("visitor: none", await secondVisitor.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Revalidating the page's tag shows an edit at once.
        File.WriteAllText(Path.Combine(posts, "1.txt"), "Post one, revalidated");
        using var revalidate = await client.PostAsync($"/api/revalidate?secret={Secret}&tag=post:1", null);
        using var revalidated = await client.GetAsync("/posts/1");
        Assert.Equal(HttpStatusCode.OK, revalidate.StatusCode);
        Assert.Contains("<h1>Post one, revalidated</h1>", await revalidated.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A page without the attribute is the app's own, untouched.
        using var plain = await client.GetAsync(plainPath);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains(CacheHeader));
    }

    private static async Task<bool> IsStaleAsync(HttpClient client, string path)
    {
        using var status = await client.GetAsync($"/api/revalidate/status?secret={Secret}&path={path}");
        return JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.TryGetProperty("stale", out var stale) && stale.GetBoolean();
    }
}
