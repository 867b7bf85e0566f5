using IsrBuild.Tasks;
using Microsoft.Build.Framework;

namespace IsrBuild.Tests.Tasks;

/// <summary>
/// The task against stand-in generators: small shell scripts in place of the <c>dotnet</c> muxer, so each
/// test controls what the "generator" prints, writes and exits with.
/// </summary>
public sealed class GenerateIsrPagesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void MissingGenerator_FailsWithISRB0002NamingThePath()
    {
        var task = CreateTask("exit 0");
        task.GeneratorPath = Path.Combine(_directory.Path, "nowhere", "IsrBuild.Generator.dll");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("ISRB0002", error.Code);
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratorReportingAPageError_FailsWithItsCodeFileAndLine()
    {
        var task = CreateTask("""
            echo '/site/Pages/PostPage.cs(12,5) : error ISRB2002: Site.PostPage: GetStaticPropsAsync for /posts/3 failed: boom'
            exit 1
            """);

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("ISRB2002", error.Code);
        Assert.Equal("/site/Pages/PostPage.cs", error.File);
        Assert.Equal(12, error.LineNumber);
        Assert.Contains("/posts/3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratorFailingSilently_FailsWithISRB0001AndTheExitCode()
    {
        var task = CreateTask("exit 3");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("ISRB0001", error.Code);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessfulRun_ReturnsEveryFileAsAPublishItemUnderIsrAndLogsASummary()
    {
        var task = CreateTask($"""
            printf 'isr-manifest.json\nisr-pages.db\ntemplates/1a2b.dll\n' > '{Path.Combine(_directory.Path, "files.txt")}'
            printf '{"{"}"pages": 2, "notFound": 1, "redirects": 0, "unchanged": 1, "files": 3, "bytes": 2500000, "seconds": 1.5{"}"}' > '{Path.Combine(_directory.Path, "result.json")}'
            exit 0
            """);

        Assert.True(task.Execute(), string.Join("; ", _engine.Errors.Select(e => e.Message)));

        Assert.Equal(
            ["isr/isr-manifest.json", "isr/isr-pages.db", "isr/templates/1a2b.dll"],
            task.GeneratedFiles.Select(item => item.GetMetadata("RelativePath")));
        Assert.All(task.GeneratedFiles, item => Assert.Equal("PreserveNewest", item.GetMetadata("CopyToPublishDirectory")));
        Assert.Equal(Path.Combine(_directory.Path, "out", "isr-pages.db"), task.GeneratedFiles[1].ItemSpec);
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.Contains("prerendered 2 pages (1 not found, 0 redirects, 1 unchanged)", StringComparison.Ordinal) && m.Message.Contains("2.5 MB", StringComparison.Ordinal));
    }

    [Fact]
    public void CommandLine_RunsTheGeneratorUnderTheSitesOwnDependencyContext()
    {
        var task = CreateTask("exit 0");
        task.MaxParallelism = 3;

        var commandLine = task.BuildCommandLine();

        Assert.StartsWith($"exec --depsfile {task.DepsFile} --runtimeconfig {task.RuntimeConfig} {task.GeneratorPath} --assembly {task.ApplicationAssembly}", commandLine, StringComparison.Ordinal);
        Assert.Contains("--max-parallelism 3", commandLine, StringComparison.Ordinal);
        Assert.Contains("--page-timeout 60", commandLine, StringComparison.Ordinal);
        Assert.Contains("--environment Production", commandLine, StringComparison.Ordinal);
    }

    private GenerateIsrPages CreateTask(string script)
    {
        var muxer = Path.Combine(_directory.Path, "fake-dotnet.sh");
        File.WriteAllText(muxer, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(muxer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        string Touch(string name)
        {
            var path = Path.Combine(_directory.Path, name);
            File.WriteAllText(path, string.Empty);
            return path;
        }

        return new GenerateIsrPages
        {
            BuildEngine = _engine,
            DotnetHostPath = muxer,
            GeneratorPath = Touch("IsrBuild.Generator.dll"),
            ApplicationAssembly = Touch("Site.dll"),
            DepsFile = Touch("Site.deps.json"),
            RuntimeConfig = Touch("Site.runtimeconfig.json"),
            ProjectDirectory = _directory.Path,
            OutputDirectory = Path.Combine(_directory.Path, "out"),
            ResultFile = Path.Combine(_directory.Path, "result.json"),
            FileList = Path.Combine(_directory.Path, "files.txt"),
            PublishFolder = "isr",
        };
    }
}
