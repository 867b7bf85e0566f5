using IsrBuild.Manifest;

namespace IsrBuild.Bench.Micro;

/// <summary>
/// For bench/host-scaling.sh: grows a published site's manifest (and its index) to a given number of pages with
/// IsrBuild's own writers, listing posts whose files do not exist; the host's startup depends on the entries only.
/// </summary>
internal static class ManifestSynthesizer
{
    public static async Task RunAsync(string publishDirectory, int entries)
    {
        var folder = Path.Combine(publishDirectory, IsrManifest.FolderName);
        var published = await ManifestReader.ReadAsync(Path.Combine(folder, IsrManifest.FileName), CancellationToken.None);
        var route = published.RouteTemplates.Single(t => t.StartsWith("/posts/", StringComparison.Ordinal));
        var manifest = new IsrManifest { BuildId = published.BuildId, GeneratedAt = published.GeneratedAt };
        foreach (var (template, fallback) in published.Fallbacks)
        {
            manifest.Routes[template] = new ManifestRoute { Page = template, Template = template, Fallback = FallbackNames.From(fallback) };
        }

        foreach (var (path, page) in published.Pages)
        {
            manifest.Pages[path] = Entry(path, published.RouteTemplates[page.RouteIndex], page.Revalidate);
        }

        for (var id = published.Pages.Count - 1; id <= entries - 2; id++)
        {
            var path = $"/posts/{id}";
            manifest.Pages.TryAdd(path, Entry(path, route, 3600));
        }

        await ManifestWriter.WriteAsync(manifest, Path.Combine(folder, IsrManifest.FileName), CancellationToken.None);
        ManifestIndexFile.Write(manifest, Path.Combine(folder, ManifestIndexFile.FileName));
        Console.WriteLine($"{manifest.Pages.Count} entries");
    }

    private static ManifestPage Entry(string path, string route, int? revalidate)
    {
        var html = IsrManifest.PagesFolderName + "/" + PagePath.ToFileName(path);
        return new ManifestPage
        {
            Route = route,
            Html = new ManifestFile { Path = html, Length = 9669, Hash = "mL2bqZRC0DGF378c_-N0cA" },
            Brotli = new ManifestFile { Path = html + ".br", Length = 2043, Hash = "Nd2DdG_Fto_XMpjT-Z1H5w" },
            Gzip = new ManifestFile { Path = html + ".gz", Length = 2243, Hash = "m2G87ujCdqdD0TYEyUAOnw" },
            Revalidate = revalidate,
            Tags = ["posts"],
        };
    }
}
