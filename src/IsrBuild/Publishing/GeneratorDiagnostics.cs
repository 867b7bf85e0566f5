using System.Diagnostics;
using System.Globalization;
using IsrBuild.Rendering;

namespace IsrBuild.Publishing;

/// <summary>
/// The generator's diagnostic codes, written to standard output in MSBuild's canonical format
/// (<c>file(line): error CODE: message</c>) so the task reports them as real errors with file and line.
/// Every code is listed in docs/diagnostics.md.
/// </summary>
internal static class GeneratorDiagnostics
{
    public const string InvalidArguments = "ISRB1000";
    public const string NoHost = "ISRB1001";
    public const string StartupFailed = "ISRB1002";
    public const string AddIsrMissing = "ISRB1003";
    public const string NoPages = "ISRB1004";
    public const string PagesInvalid = "ISRB1005";
    public const string StaticPathsFailed = "ISRB2001";
    public const string StaticPropsFailed = "ISRB2002";
    public const string PageTimedOut = "ISRB2003";
    public const string InvalidPath = "ISRB2004";
    public const string RenderFailed = "ISRB3001";
    public const string TemplateDoesNotCompile = "ISRB3002";
    public const string SetsCookie = "ISRB3003";
    public const string TemplateUsesTagHelpers = "ISRB3004";
    public const string OutputFailed = "ISRB4001";

    private static readonly Lock Gate = new();

    public static int ErrorCount { get; private set; }

    public static void Error(string code, string message, SourceLocation? location = null) => Write("error", code, message, location);

    public static void Warning(string code, string message, SourceLocation? location = null) => Write("warning", code, message, location);

    public static void Message(string message)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(message);
        }
    }

    /// <summary>
    /// Where <paramref name="exception"/> points a developer: the template's file, line and column when a template
    /// does not compile, else the first frame of its stack inside <paramref name="pageType"/>, where the PDB gives one.
    /// </summary>
    public static SourceLocation? FindInPage(Exception exception, Type pageType)
    {
        if (exception is TemplateCompilationFailedException template)
        {
            return new SourceLocation(template.File, template.Line, template.Column);
        }

        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            for (var type = frame.GetMethod()?.DeclaringType; type is not null; type = type.DeclaringType)
            {
                if (type == pageType && frame.GetFileName() is { Length: > 0 } file && frame.GetFileLineNumber() > 0)
                {
                    return new SourceLocation(file, frame.GetFileLineNumber(), frame.GetFileColumnNumber());
                }
            }
        }

        return null;
    }

    private static void Write(string severity, string code, string message, SourceLocation? location)
    {
        var origin = location is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"{l.File}({l.Line},{Math.Max(l.Column, 1)})")
            : "IsrBuild";
        var singleLine = message.ReplaceLineEndings(" ");
        lock (Gate)
        {
            if (severity == "error")
            {
                ErrorCount++;
            }

            Console.Out.WriteLine($"{origin} : {severity} {code}: {singleLine}");
        }
    }
}
