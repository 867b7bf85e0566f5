namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Commands and files as the docs give them, read from the repository's Markdown, so the tests run what a newcomer
/// copies and a change to the docs that breaks them fails a test.
/// </summary>
internal static class Documentation
{
    /// <summary>The README's install commands for a site's folder: its first shell block under "Use it in your site", after the pack.</summary>
    public static IReadOnlyList<string[]> InstallCommands(string feed)
    {
        var block = FirstBlockAfter(Read("README.md"), "## Use it in your site", "```sh");
        var commands = block
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .SkipWhile(line => line.StartsWith("dotnet pack ", StringComparison.Ordinal))
            .Select(line => line.Replace("~/isrbuild-feed", feed, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        Assert.All(commands, command => Assert.Equal("dotnet", command[0]));
        return commands.Select(command => command[1..]).ToList();
    }

    /// <summary>The code block that follows the line naming <paramref name="fileName"/> (<c>`HelloPage.cs`:</c>) in a docs page.</summary>
    public static string FileIn(string page, string fileName)
    {
        var lines = Read(Path.Combine("docs", page));
        var caption = Array.IndexOf(lines, $"`{fileName}`:");
        Assert.True(caption >= 0, $"docs/{page} shows no `{fileName}`:");
        return string.Join('\n', FirstBlockAfter(lines[caption..], $"`{fileName}`:", "```")) + "\n";
    }

    private static string[] Read(string relativePath) => File.ReadAllLines(Path.Combine(Repository.Root, relativePath));

    private static List<string> FirstBlockAfter(string[] lines, string heading, string fence)
    {
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"no '{heading}'");
        var open = Array.FindIndex(lines, start, line => line.StartsWith(fence, StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, line => line == "```");
        return lines[(open + 1)..close].ToList();
    }
}
