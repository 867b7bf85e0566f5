using System.Globalization;
using System.Text.RegularExpressions;
using RazorLight.Compilation;

namespace IsrBuild.Rendering;

/// <summary>
/// A template that does not compile, each error named by the template's file and its line and column counted from 1
/// (<c>Post.cshtml(3,13): ...</c>), where a developer's editor goes to; RazorLight counts them from 0. RazorLight's own
/// exception is not kept as the inner one: the Developer Exception Page heads with the innermost exception, and its
/// zero-based locations and advice about RazorLight's options are of no use to a site.
/// </summary>
internal sealed partial class TemplateCompilationFailedException : Exception
{
    public TemplateCompilationFailedException(string template, string file, TemplateCompilationException inner)
        : this(template, file, [.. inner.CompilationErrors.Select(Locate)], inner.Message)
    {
    }

    private TemplateCompilationFailedException(string template, string file, List<TemplateError> errors, string fallback)
        : base(Describe(template, errors, fallback))
    {
        Template = template;
        File = file;
        var first = errors.FirstOrDefault(e => e.Line > 0);
        (Line, Column) = first is null ? (1, 1) : (first.Line, first.Column);
    }

    /// <summary>The template's name in the template folder.</summary>
    public string Template { get; }

    /// <summary>The template's full path, for tools that jump to an error.</summary>
    public string File { get; }

    /// <summary>The first error's line, counted from 1.</summary>
    public int Line { get; }

    /// <summary>The first error's column, counted from 1.</summary>
    public int Column { get; }

    private static TemplateError Locate(string error) =>
        ZeroBasedLocation().Match(error) is { Success: true } located
            ? new(int.Parse(located.Groups[1].Value, CultureInfo.InvariantCulture) + 1, int.Parse(located.Groups[2].Value, CultureInfo.InvariantCulture) + 1, located.Groups[3].Value)
            : new(0, 0, error);

    private static string Describe(string template, List<TemplateError> errors, string fallback) =>
        errors.Count == 0
            ? $"{template} does not compile: {fallback}"
            : string.Join(
                Environment.NewLine,
                errors.Select(e => e.Line > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{template}({e.Line},{e.Column}): {e.Message}")
                    : $"{template}: {e.Message}"));

    [GeneratedRegex(@"^\s*-?\s*\((\d+):(\d+)\)\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex ZeroBasedLocation();

    private sealed record TemplateError(int Line, int Column, string Message);
}
