using System.Globalization;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace IsrBuild.Tasks;

/// <summary>
/// Prerenders the site's ISR pages at publish: runs the IsrBuild generator out of process under the site's own
/// <c>.deps.json</c> and <c>.runtimeconfig.json</c>, relays its diagnostics, and returns the files it wrote as
/// publish items.
/// </summary>
public sealed class GenerateIsrPages : ToolTask
{
    /// <summary>The generator's <c>IsrBuild.Generator.dll</c>.</summary>
    [Required]
    public string GeneratorPath { get; set; } = string.Empty;

    /// <summary>The site's compiled assembly (<c>$(TargetPath)</c>).</summary>
    [Required]
    public string ApplicationAssembly { get; set; } = string.Empty;

    /// <summary>The site's <c>.deps.json</c>.</summary>
    [Required]
    public string DepsFile { get; set; } = string.Empty;

    /// <summary>The site's <c>.runtimeconfig.json</c>.</summary>
    [Required]
    public string RuntimeConfig { get; set; } = string.Empty;

    /// <summary>The site's project folder: the generator's working directory and content root.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Where the generator writes the <c>isr</c> folder's files (under <c>obj</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The file the generator writes its summary to.</summary>
    [Required]
    public string ResultFile { get; set; } = string.Empty;

    /// <summary>The file the generator lists its output files in, one relative path a line.</summary>
    [Required]
    public string FileList { get; set; } = string.Empty;

    /// <summary>The folder of the publish output the files go to; <c>isr</c>.</summary>
    [Required]
    public string PublishFolder { get; set; } = string.Empty;

    /// <summary>The hosting environment the site's code runs in; default <c>Production</c>.</summary>
    public string EnvironmentName { get; set; } = "Production";

    /// <summary>Pages generated at once; 0 (the default) is the processor count.</summary>
    public int MaxParallelism { get; set; }

    /// <summary>Seconds one page may take; default 60.</summary>
    public int PageTimeoutSeconds { get; set; } = 60;

    /// <summary>The <c>dotnet</c> muxer running this build (<c>$(DOTNET_HOST_PATH)</c>); <c>dotnet</c> on the PATH when empty.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>The generated files, as <c>ResolvedFileToPublish</c> items with <c>RelativePath</c> set.</summary>
    [Output]
    public ITaskItem[] GeneratedFiles { get; private set; } = [];

    /// <inheritdoc />
    protected override string ToolName => "dotnet";

    /// <inheritdoc />
    public override bool Execute()
    {
        EnvironmentVariables =
        [
            "ISRBUILD_GENERATING=1",
            "ASPNETCORE_ENVIRONMENT=" + EnvironmentName,
            "DOTNET_ENVIRONMENT=" + EnvironmentName,
            // The site's own console logging would otherwise fill the build log with startup chatter.
            "Logging__LogLevel__Default=Warning",
        ];

        if (File.Exists(ResultFile))
        {
            File.Delete(ResultFile);
        }

        if (!base.Execute() || Log.HasLoggedErrors)
        {
            return false;
        }

        GeneratedFiles = ReadGeneratedFiles();
        LogSummary();
        return !Log.HasLoggedErrors;
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool() =>
        string.IsNullOrEmpty(DotnetHostPath) ? ToolName : DotnetHostPath!;

    /// <inheritdoc />
    protected override string GetWorkingDirectory() => ProjectDirectory;

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        if (!File.Exists(GeneratorPath))
        {
            Log.LogError(null, Diagnostics.GeneratorMissing, null, null, 0, 0, 0, 0,
                "The IsrBuild generator '{0}' does not exist. Set IsrBuildGeneratorPath to IsrBuild.Generator.dll, or restore the IsrBuild package.", GeneratorPath);
            return false;
        }

        if (!File.Exists(ApplicationAssembly) || !File.Exists(DepsFile) || !File.Exists(RuntimeConfig))
        {
            Log.LogError(null, Diagnostics.ApplicationMissing, null, null, 0, 0, 0, 0,
                "The site's build output is incomplete ('{0}', '{1}', '{2}'): IsrBuild needs a framework-dependent ASP.NET Core app with its .deps.json and .runtimeconfig.json.",
                ApplicationAssembly, DepsFile, RuntimeConfig);
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands() => BuildCommandLine();

    internal string BuildCommandLine()
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        builder.AppendSwitchIfNotNull("--depsfile ", DepsFile);
        builder.AppendSwitchIfNotNull("--runtimeconfig ", RuntimeConfig);
        builder.AppendFileNameIfNotNull(GeneratorPath);
        builder.AppendSwitchIfNotNull("--assembly ", ApplicationAssembly);
        builder.AppendSwitchIfNotNull("--project-dir ", ProjectDirectory.TrimEnd('/', '\\'));
        builder.AppendSwitchIfNotNull("--output ", OutputDirectory.TrimEnd('/', '\\'));
        builder.AppendSwitchIfNotNull("--result ", ResultFile);
        builder.AppendSwitchIfNotNull("--file-list ", FileList);
        builder.AppendSwitchIfNotNull("--environment ", EnvironmentName);
        builder.AppendSwitchIfNotNull("--max-parallelism ", MaxParallelism.ToString(CultureInfo.InvariantCulture));
        builder.AppendSwitchIfNotNull("--page-timeout ", PageTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, Diagnostics.GeneratorFailed, null, null, 0, 0, 0, 0,
                "The IsrBuild generator exited with code {0} without reporting an error. Run the publish with -v:d to see its output.", ExitCode);
        }

        return false;
    }

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    internal ITaskItem[] ReadGeneratedFiles()
    {
        var folder = PublishFolder.TrimEnd('/', '\\');
        return File.ReadLines(FileList)
            .Where(line => line.Length > 0)
            .Select(relative =>
            {
                var item = new TaskItem(Path.Combine(OutputDirectory, relative));
                item.SetMetadata("RelativePath", folder + "/" + relative);
                item.SetMetadata("CopyToPublishDirectory", "PreserveNewest");
                item.SetMetadata("ExcludeFromSingleFile", "true");
                return (ITaskItem)item;
            })
            .ToArray();
    }

    private void LogSummary()
    {
        using var result = JsonDocument.Parse(File.ReadAllBytes(ResultFile));
        var root = result.RootElement;
        Log.LogMessage(
            MessageImportance.High,
            string.Format(
                CultureInfo.InvariantCulture,
                "IsrBuild: prerendered {0} pages ({1} not found, {2} redirects, {7} unchanged) into {3}/: {4} files, {5:0.0} MB, {6:0.00} s.",
                root.GetProperty("pages").GetInt32(),
                root.GetProperty("notFound").GetInt32(),
                root.GetProperty("redirects").GetInt32(),
                PublishFolder,
                root.GetProperty("files").GetInt32(),
                root.GetProperty("bytes").GetInt64() / 1_000_000.0,
                root.GetProperty("seconds").GetDouble(),
                root.GetProperty("unchanged").GetInt32()));
    }
}
