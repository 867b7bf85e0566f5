using IsrBuild.Manifest;

namespace IsrBuild.Tests.Manifest;

/// <summary>Where the host looks for what publish wrote, whatever folder it was started from.</summary>
public sealed class PublishedBuildTests : IDisposable
{
    private readonly TemporaryDirectory _project = new();
    private readonly TemporaryDirectory _output = new();

    public void Dispose()
    {
        _project.Dispose();
        _output.Dispose();
    }

    [Fact]
    public void AHostStartedFromTheProjectFolder_FindsTheManifestBesideTheApp()
    {
        WriteManifest(_output.Path);

        Assert.Equal(Path.GetFullPath(_output.Path), PublishedBuild.RootOf(_project.Path, _output.Path));
    }

    [Fact]
    public void AContentRootHoldingAManifest_IsUsed_WhereverTheAppIs()
    {
        WriteManifest(_project.Path);
        WriteManifest(_output.Path);

        Assert.Equal(_project.Path, PublishedBuild.RootOf(_project.Path, _output.Path));
    }

    [Fact]
    public void WithNoManifestAnywhere_TheContentRootIsUsed_AsInDevelopment()
    {
        Assert.Equal(_project.Path, PublishedBuild.RootOf(_project.Path, _output.Path));
    }

    private static void WriteManifest(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, IsrManifest.FolderName));
        File.WriteAllText(Path.Combine(root, IsrManifest.FolderName, IsrManifest.FileName), "{}");
    }
}
