using System.Text.RegularExpressions;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Packaging;

/// <summary>The README (the package's readme) stays a short front door, and every link in the docs leads somewhere.</summary>
public sealed partial class DocumentationTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md", Path.Combine("src", "IsrBuild.Redis", "README.md") };
        foreach (var page in Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Repository.Root, page));
        }

        return pages;
    }

    [Fact]
    public void TheReadme_IsAShortFrontDoor_WithItsContents()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));

        Assert.True(lines.Length <= 200, $"README.md has {lines.Length} lines");
        Assert.Contains(lines, line => line.StartsWith("Contents: ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLink_LeadsToAFileAndHeadingThatExist(string page)
    {
        var file = Path.Combine(Repository.Root, page);
        var broken = new List<string>();
        foreach (Match link in RelativeLink().Matches(File.ReadAllText(file)))
        {
            var target = link.Groups["file"].Value.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, link.Groups["file"].Value));
            var anchor = link.Groups["anchor"].Value;
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add(link.Value);
            }
            else if (anchor.Length > 0 && !Anchors(target).Contains(anchor))
            {
                broken.Add(link.Value);
            }
        }

        Assert.Empty(broken);
    }

    /// <summary>The anchors GitHub gives a Markdown file's headings.</summary>
    private static HashSet<string> Anchors(string markdown) =>
    [
        .. File.ReadAllLines(markdown)
            .Where(line => line.StartsWith('#'))
            .Select(line => Slug(line.TrimStart('#').Trim())),
    ];

    private static string Slug(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    /// <summary>A Markdown link to a local file or heading (not a URL).</summary>
    [GeneratedRegex(@"\]\((?!https?:|mailto:)(?<file>[^)#\s]*)(?:#(?<anchor>[^)\s]+))?\)")]
    private static partial Regex RelativeLink();
}
