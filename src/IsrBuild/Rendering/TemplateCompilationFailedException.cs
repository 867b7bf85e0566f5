using System.Globalization;
using System.Text.RegularExpressions;
using RazorLight.Compilation;

namespace IsrBuild.Rendering;

/// <summary>
/// A template that does not compile, each error named by the template's file and its line and column counted from 1
/// (<c>Post.cshtml(3,13): ...</c>), where a developer's editor goes to; RazorLight counts them from 0.
/// </summary>
internal sealed partial class TemplateCompilationFailedException(string template, TemplateCompilationException inner)
    : Exception(Describe(template, inner), inner)
{
    private static string Describe(string template, TemplateCompilationException inner)
    {
        var errors = inner.CompilationErrors
            .Select(error => ZeroBasedLocation().Match(error) is { Success: true } located
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"{template}({int.Parse(located.Groups[1].Value, CultureInfo.InvariantCulture) + 1},{int.Parse(located.Groups[2].Value, CultureInfo.InvariantCulture) + 1}): {located.Groups[3].Value}")
                : $"{template}: {error}")
            .ToList();
        return errors.Count == 0 ? $"{template} does not compile: {inner.Message}" : string.Join(Environment.NewLine, errors);
    }

    [GeneratedRegex(@"^\s*-?\s*\((\d+):(\d+)\)\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex ZeroBasedLocation();
}
