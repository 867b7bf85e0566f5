using IsrBuild.Manifest;

namespace IsrBuild.Tests.Manifest;

/// <summary>Where the host looks for what publish wrote, whatever folder it was started from.</summary>
public sealed class PublishedBuildTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("isr-project-").FullName;
    private readonly string _output = Directory.CreateTempSubdirectory("isr-out-").FullName;

    public void Dispose()
    {
        Directory.Delete(_project, recursive: true);
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void AHostStartedFromTheProjectFolder_FindsTheManifestBesideTheApp()
    {
        WriteManifest(_output);

        Assert.Equal(Path.GetFullPath(_output), PublishedBuild.RootOf(_project, _output));
    }

    [Fact]
    public void AContentRootHoldingAManifest_IsUsed_WhereverTheAppIs()
    {
        WriteManifest(_project);
        WriteManifest(_output);

        Assert.Equal(_project, PublishedBuild.RootOf(_project, _output));
    }

    [Fact]
    public void WithNoManifestAnywhere_TheContentRootIsUsed_AsInDevelopment()
    {
        Assert.Equal(_project, PublishedBuild.RootOf(_project, _output));
    }

    private static void WriteManifest(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, IsrManifest.FolderName));
        File.WriteAllText(Path.Combine(root, IsrManifest.FolderName, IsrManifest.FileName), "{}");
    }
}
