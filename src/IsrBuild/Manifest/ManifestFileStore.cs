using System.Text.Json;

namespace IsrBuild.Manifest;

/// <summary>Reads and writes <c>isr-manifest.json</c> with the source-generated serializer on both sides.</summary>
internal static class ManifestFileStore
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

    /// <exception cref="IsrManifestException">The file is malformed or of another version.</exception>
    public static async Task<IsrManifest> ReadAsync(string path, CancellationToken cancellationToken)
    {
        IsrManifest? manifest;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            manifest = await JsonSerializer.DeserializeAsync(stream, ManifestJsonContext.Default.IsrManifest, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new IsrManifestException($"The ISR manifest '{path}' is not valid JSON: {exception.Message}", exception);
        }

        if (manifest is null)
        {
            throw new IsrManifestException($"The ISR manifest '{path}' is empty (null).");
        }

        if (manifest.Version != IsrManifest.CurrentVersion)
        {
            throw new IsrManifestException(
                $"The ISR manifest '{path}' has version {manifest.Version}; this IsrBuild reads version {IsrManifest.CurrentVersion}. Publish the site again with the IsrBuild package the host uses.");
        }

        foreach (var (template, route) in manifest.Routes)
        {
            if (FallbackNames.Parse(route.Fallback) is null)
            {
                throw new IsrManifestException($"The ISR manifest '{path}' gives route '{template}' the unknown fallback '{route.Fallback}'.");
            }
        }

        return manifest;
    }
}
