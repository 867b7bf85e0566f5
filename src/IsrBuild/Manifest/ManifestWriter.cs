using System.Text.Json;

namespace IsrBuild.Manifest;

/// <summary>Writes <c>isr-manifest.json</c> with the source-generated serializer; <see cref="ManifestReader"/> reads it.</summary>
internal static class ManifestWriter
{
    public static async Task WriteAsync(IsrManifest manifest, string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, ManifestJsonContext.Default.IsrManifest, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
