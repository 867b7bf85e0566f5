
namespace IsrBuild.Rendering;

/// <summary>
/// Where the renderer finds templates compiled ahead of time: the folder publish shipped them in, and the folder of
/// this build's cache that the renderer loads them from and adds to. Set once at startup, before the first render,
/// by whoever knows the build; unset, templates are compiled in memory (a host without a publish).
/// </summary>
internal sealed class CompiledTemplateFolders
{
    /// <summary>The folder, beside the manifest, that holds the templates compiled at publish.</summary>
    public const string FolderName = "templates";

    /// <summary>Set by the generator: where publish writes the compiled templates.</summary>
    public const string PublishOutputVariable = "ISRBUILD_COMPILED_TEMPLATES";

    public string? Shipped { get; private set; }

    public string? Cache { get; private set; }

    /// <summary>Templates of the build published into <paramref name="publishedFolder"/>, kept in <paramref name="buildCacheFolder"/>.</summary>
    public void Use(string publishedFolder, string buildCacheFolder)
    {
        Shipped = Path.Combine(publishedFolder, FolderName);
        Cache = Path.Combine(buildCacheFolder, FolderName);
    }
}
