using System.Net;
using Microsoft.AspNetCore.Builder;

namespace IsrBuild.Tests.Development;

/// <summary>
/// What a developer sees on ASP.NET Core's Developer Exception Page when a page fails in development mode: the page
/// heads with the innermost exception, so that must be IsrBuild's own, naming the template's file, line and column
/// counted from 1, never RazorLight's.
/// </summary>
public sealed class DevelopmentErrorPageTests : ServingTestBase
{
    public DevelopmentErrorPageTests()
    {
        ExtraConfiguration = options =>
        {
            options.DevelopmentMode = true;
            options.AddPage<DevelopmentBlockingPage>();
        };
        MapApp = app => app.UseDeveloperExceptionPage();
    }

    [Fact]
    public async Task ATemplateThatDoesNotCompile_HeadsTheErrorPageWithItsFileLineAndColumn()
    {
        Backend.Titles["a"] = "A";
        File.WriteAllText(
            Path.Combine(ContentRoot, "IsrTemplates", "Item.cshtml"),
            "@model IsrBuild.Testing.ItemModel\n<main>\n\n  <h1>@Model.Title</h1>\n  <div>\n    <p>@Model.Misspelt</p>\n  </div>\n</main>\n");

        var (response, page) = await GetAsync("/dev/a", request => request.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var headline = Headline(page);
        Assert.Contains("TemplateCompilationFailedException", headline, StringComparison.Ordinal);
        Assert.Contains("Item.cshtml(6,15): ", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("TemplateCompilationException:", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMisspeltTemplateName_HeadsTheErrorPageWithTheFolderSearched_NotRazorLightsOptions()
    {
        Backend.Titles["a"] = "A";
        File.Move(Path.Combine(ContentRoot, "IsrTemplates", "Item.cshtml"), Path.Combine(ContentRoot, "IsrTemplates", "Itme.cshtml"));

        var (response, page) = await GetAsync("/dev/a", request => request.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var headline = Headline(page);
        Assert.Contains("TemplateMissingException", headline, StringComparison.Ordinal);
        Assert.Contains("&#x27;Item.cshtml&#x27; is not in the template folder", headline, StringComparison.Ordinal);
        Assert.Contains("Itme.cshtml", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("RazorLightOptions", page, StringComparison.Ordinal);
    }

    /// <summary>The first exception the page shows, as its HTML has it.</summary>
    private static string Headline(string page)
    {
        var start = page.IndexOf("class=\"titleerror\"", StringComparison.Ordinal);
        Assert.True(start >= 0, page);
        return page[start..page.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}
