using System.Diagnostics;
using System.Text;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process with an environment cleaned of what MSBuild.Locator and a parent
/// build leave behind, no build servers or node reuse (so nothing outlives the test), and a bounded wait that
/// kills the whole process tree.
/// </summary>
internal static class DotnetCli
{
    private static readonly string[] InheritedBuildVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBUILDENSURESTDOUTFORTASKPROCESSES",
        "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH",
    ];

    public static async Task<ProcessResult> PublishAsync(
        string project,
        string output,
        IReadOnlyDictionary<string, string>? environment = null,
        params string[] extraArguments)
    {
        string[] arguments =
        [
            "publish", project, "-c", "Release", "-o", output,
            "--disable-build-servers", "-nodeReuse:false", "-tl:off", "-nologo", .. extraArguments,
        ];
        return await RunAsync(arguments, environment, TimeSpan.FromMinutes(5));
    }

    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedBuildVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"dotnet {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
