using System.Text.Json;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>A publish output's <c>isr/isr-manifest.json</c>, read as a user's tools would read it.</summary>
internal sealed class PublishedManifest
{
    private PublishedManifest(string publishDirectory, JsonElement root)
    {
        PublishDirectory = publishDirectory;
        Root = root;
    }

    public string PublishDirectory { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<string> PagePaths => [.. Root.GetProperty("pages").EnumerateObject().Select(p => p.Name)];

    public JsonElement Page(string path) => Root.GetProperty("pages").GetProperty(path);

    public string HtmlOf(string path) =>
        File.ReadAllText(System.IO.Path.Combine(PublishDirectory, "isr", Page(path).GetProperty("html").GetProperty("path").GetString()!));

    public static PublishedManifest Read(string publishDirectory)
    {
        var path = System.IO.Path.Combine(publishDirectory, "isr", "isr-manifest.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new PublishedManifest(publishDirectory, document.RootElement.Clone());
    }
}
