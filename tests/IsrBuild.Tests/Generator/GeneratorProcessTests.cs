using System.Diagnostics;

namespace IsrBuild.Tests.Generator;

/// <summary>The generator as the MSBuild task meets it: a process, its exit code and its diagnostics on standard output.</summary>
public sealed class GeneratorProcessTests
{
    [Fact]
    public async Task AMalformedCommandLine_ExitsWith1_AndReportsISRB1000()
    {
        var (exitCode, output) = await RunGeneratorAsync("--output", "out");

        Assert.Equal(1, exitCode);
        Assert.Contains("error ISRB1000", output, StringComparison.Ordinal);
        Assert.Contains("Missing --assembly.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAssemblyThatIsNotThere_ExitsWith1_WithoutWritingAResult()
    {
        using var folderFolder = new TemporaryDirectory();
        var folder = folderFolder.Path;
        var result = Path.Combine(folder, "result.json");
        var (exitCode, _) = await RunGeneratorAsync(
            "--assembly", Path.Combine(folder, "missing.dll"), "--project-dir", folder, "--output", Path.Combine(folder, "out"),
            "--result", result, "--file-list", Path.Combine(folder, "files.txt"));

        Assert.NotEqual(0, exitCode);
        Assert.False(File.Exists(result));
    }

    /// <summary>The generator built beside this test assembly's configuration, run with <paramref name="args"/>; stopped by its pid whatever happens.</summary>
    private static async Task<(int ExitCode, string Output)> RunGeneratorAsync(params string[] args)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput;
        while (!File.Exists(Path.Combine(repository.FullName, "IsrBuild.sln")))
        {
            repository = repository.Parent ?? throw new InvalidOperationException("The tests run outside the repository.");
        }

        var generator = Path.Combine(repository.FullName, "src", "IsrBuild.Generator", "bin", configuration, "net10.0", "IsrBuild.Generator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(generator);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
