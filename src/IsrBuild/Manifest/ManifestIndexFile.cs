using System.Text;

namespace IsrBuild.Manifest;

/// <summary>
/// <c>isr/isr-index.bin</c>: the host's index of the manifest, written by publish beside it, so a host with
/// millions of pages starts by reading a few compact records per page instead of tokenizing hundreds of megabytes
/// of JSON. It is a cache of the manifest, nothing more: it names the manifest's build id, and a host that finds
/// it missing, damaged or of another build reads the manifest itself.
/// </summary>
internal static class ManifestIndexFile
{
    public const string FileName = "isr-index.bin";

    private const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "ISRI"u8;

    public static void Write(IsrManifest manifest, string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(manifest.Version);
            writer.Write(manifest.BuildId);
            writer.Write(manifest.GeneratedAt.UtcTicks);

            writer.Write(manifest.Routes.Count);
            foreach (var (template, route) in manifest.Routes)
            {
                writer.Write(template);
                writer.Write((byte)(FallbackNames.Parse(route.Fallback) ?? FallbackMode.NotFound));
            }

            var routeIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
            var routeTemplates = new List<string>();
            foreach (var page in manifest.Pages.Values)
            {
                if (routeIndexes.TryAdd(page.Route, routeTemplates.Count))
                {
                    routeTemplates.Add(page.Route);
                }
            }

            writer.Write(routeTemplates.Count);
            routeTemplates.ForEach(writer.Write);
            writer.Write(manifest.Pages.Count);
            foreach (var (pagePath, page) in manifest.Pages)
            {
                writer.Write(pagePath);
                writer.Write(routeIndexes[page.Route]);
                writer.Write(page.Revalidate ?? -1);
            }

            writer.Write(manifest.Redirects.Count);
            foreach (var (redirectPath, redirect) in manifest.Redirects)
            {
                writer.Write(redirectPath);
                writer.Write(redirect.Route);
                writer.Write(redirect.Destination);
                writer.Write(redirect.Permanent);
            }

            writer.Write(manifest.NotFound.Count);
            manifest.NotFound.ForEach(writer.Write);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The index at <paramref name="path"/> if it exists, is whole, and belongs to <paramref name="buildId"/>.</summary>
    public static ManifestIndex? TryRead(string path, string buildId)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != FormatVersion)
            {
                return null;
            }

            var index = new ManifestIndex { Version = reader.ReadInt32(), BuildId = reader.ReadString() };
            if (index.BuildId != buildId)
            {
                return null;
            }

            index.GeneratedAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                index.Fallbacks[reader.ReadString()] = (FallbackMode)reader.ReadByte();
            }

            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                index.RouteTemplates.Add(reader.ReadString());
            }

            var pages = reader.ReadInt32();
            index.Pages.EnsureCapacity(pages);
            for (; pages > 0; pages--)
            {
                index.Pages[reader.ReadString()] = new PublishedPage(reader.ReadInt32(), reader.ReadInt32());
            }

            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                index.Redirects[reader.ReadString()] = new ManifestRedirect { Route = reader.ReadString(), Destination = reader.ReadString(), Permanent = reader.ReadBoolean() };
            }

            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                index.NotFound.Add(reader.ReadString());
            }

            return stream.Position == stream.Length ? index : null;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
