namespace IsrBuild.Store;

/// <summary>The length and hash of one representation stored after a page file's header.</summary>
internal sealed class StoredBody
{
    public int Length { get; set; }

    public string Hash { get; set; } = string.Empty;
}
