namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>The test site published once per test run: paths of any characters, a catch-all route, a request-reading page.</summary>
public sealed class PublishedTestSite : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    internal string PublishDirectory => _directory.Combine("out");

    internal ProcessResult Result { get; private set; } = new(-1, string.Empty);

    internal PublishedManifest Manifest => PublishedManifest.Read(PublishDirectory);

    public async Task InitializeAsync() =>
        Result = await ReleaseBuilds.OneAtATimeAsync(() => DotnetCli.PublishAsync(Repository.TestSiteProject, PublishDirectory));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _directory.Dispose();
}
