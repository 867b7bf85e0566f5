using System.Text.Json;
using IsrBuild.Manifest;

namespace IsrBuild.Publishing;

/// <summary>
/// Writes <c>isr-manifest.json</c> in one streaming pass, entries as they come (sorted by the caller), so a million
/// pages never sit in memory; <see cref="ManifestReader"/> reads it. The head (version, build id, time) comes first.
/// </summary>
internal static class ManifestWriter
{
    /// <summary>Writes the manifest to <paramref name="path"/> (through a temporary file) and counts its entries.</summary>
    public static ManifestCounts Write(
        string path,
        string buildId,
        DateTimeOffset generatedAt,
        IEnumerable<ManifestRoute> routes,
        IEnumerable<ManifestEntry> pages,
        IEnumerable<ManifestEntry> redirects,
        IEnumerable<ManifestEntry> notFound)
    {
        var temporary = path + ".tmp";
        int pageCount = 0, redirectCount = 0, notFoundCount = 0;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", IsrManifest.CurrentVersion);
            writer.WriteString("buildId", buildId);
            writer.WriteString("generatedAt", generatedAt);

            writer.WriteStartObject("routes");
            foreach (var route in routes)
            {
                writer.WriteStartObject(route.Template);
                writer.WriteString("page", route.Page);
                writer.WriteString("template", route.TemplateFile);
                writer.WriteString("fallback", FallbackNames.From(route.Fallback));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            pageCount = WriteSection(writer, "pages", pages);
            redirectCount = WriteSection(writer, "redirects", redirects);
            notFoundCount = WriteSection(writer, "notFound", notFound);
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
        return new ManifestCounts(pageCount, redirectCount, notFoundCount);
    }

    private static int WriteSection(Utf8JsonWriter writer, string name, IEnumerable<ManifestEntry> entries)
    {
        var count = 0;
        writer.WriteStartObject(name);
        foreach (var entry in entries)
        {
            count++;
            writer.WriteStartObject(entry.Path);
            writer.WriteString("route", entry.Route);
            WriteRepresentation(writer, "html", entry.Html);
            WriteRepresentation(writer, "brotli", entry.Brotli);
            WriteRepresentation(writer, "gzip", entry.Gzip);
            if (entry.Destination is not null)
            {
                writer.WriteString("destination", entry.Destination);
                writer.WriteNumber("statusCode", entry.StatusCode);
            }

            if (entry.Revalidate is { } seconds)
            {
                writer.WriteNumber("revalidate", seconds);
            }

            if (entry.Tags.Count > 0)
            {
                writer.WriteStartArray("tags");
                foreach (var tag in entry.Tags)
                {
                    writer.WriteStringValue(tag);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            if (count % 4096 == 0)
            {
                writer.Flush();
            }
        }

        writer.WriteEndObject();
        return count;
    }

    private static void WriteRepresentation(Utf8JsonWriter writer, string name, ManifestRepresentation? representation)
    {
        if (representation is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("hash", representation.Hash);
        writer.WriteNumber("length", representation.Length);
        writer.WriteEndObject();
    }
}
