namespace IsrBuild.Manifest;

internal sealed class ManifestFile
{
    /// <summary>The file, relative to the <c>isr</c> folder, with forward slashes.</summary>
    public string Path { get; set; } = string.Empty;

    public long Length { get; set; }

    /// <summary>The content hash of the file's bytes: the strong ETag of this representation, without quotes.</summary>
    public string Hash { get; set; } = string.Empty;
}
