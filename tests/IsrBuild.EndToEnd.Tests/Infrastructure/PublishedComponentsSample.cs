namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>The Blazor sample published once per test run, with 20 posts in its own SQLite file.</summary>
public sealed class PublishedComponentsSample : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    internal string PublishDirectory => _directory.Combine("out");

    internal string DatabasePath => _directory.Combine("blog.db");

    internal ProcessResult Result { get; private set; } = new(-1, string.Empty);

    public async Task InitializeAsync()
    {
        Result = await ReleaseBuilds.OneAtATimeAsync(() => DotnetCli.PublishAsync(Repository.ComponentsSampleProject, PublishDirectory, new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={DatabasePath}",
            ["Blog__SeedPosts"] = "20",
            ["Blog__RevalidateSeconds"] = "2",
        }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _directory.Dispose();
}
