using System.Text.RegularExpressions;

namespace IsrBuild.Publishing;

/// <summary>
/// Warns of tag-helper syntax in the templates: RazorLight runs no tag helpers, so an <c>asp-page</c> attribute or a
/// <c>&lt;partial&gt;</c> element comes out in the page as written, and nothing else would say so.
/// </summary>
internal static partial class TemplateSyntaxCheck
{
    public static void WarnOfTagHelpers(string templateFolder)
    {
        if (!Directory.Exists(templateFolder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(templateFolder, "*.cshtml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (TagHelperSyntax().Match(lines[i]) is { Success: true } found)
                {
                    GeneratorDiagnostics.Warning(
                        GeneratorDiagnostics.TemplateUsesTagHelpers,
                        $"'{found.Value.Trim()}' is tag-helper syntax, and templates run no tag helpers: it is written into the page as it stands. "
                        + "Write the URL or markup itself, include a template with @await IncludeAsync(\"_Footer.cshtml\", Model), "
                        + "or serve the page from a Razor page or view with [Isr] (docs/endpoint-pages.md), where tag helpers run.",
                        new SourceLocation(file, i + 1, found.Index + 1));
                }
            }
        }
    }

    /// <summary>An <c>asp-*</c> attribute, or an element only a tag helper gives meaning to.</summary>
    [GeneratedRegex(@"(?<=\s)asp-[a-z-]+(?==)|<(partial|vc:[a-z-]+|environment|cache|distributed-cache|component)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TagHelperSyntax();
}
