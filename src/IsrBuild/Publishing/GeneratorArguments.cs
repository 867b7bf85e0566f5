using System.Globalization;

namespace IsrBuild.Publishing;

/// <summary>The generator's command line, as the MSBuild task writes it.</summary>
internal sealed record GeneratorArguments(
    string AssemblyPath,
    string ProjectDirectory,
    string OutputDirectory,
    string ResultFile,
    string FileList,
    string Environment,
    int MaxParallelism,
    TimeSpan PageTimeout)
{
    public static GeneratorArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: --assembly <app.dll> --project-dir <dir> --output <dir> --result <file> --file-list <file> [--environment <name>] [--max-parallelism <n>] [--page-timeout <seconds>]");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"Missing --{name}.");

        var parallelism = values.TryGetValue("max-parallelism", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        var timeout = values.TryGetValue("page-timeout", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 60;
        if (timeout < 1)
        {
            throw new ArgumentException($"--page-timeout must be a positive number of seconds, not {timeout}.");
        }

        return new GeneratorArguments(
            Path.GetFullPath(Required("assembly")),
            Path.GetFullPath(Required("project-dir")),
            Path.GetFullPath(Required("output")),
            Path.GetFullPath(Required("result")),
            Path.GetFullPath(Required("file-list")),
            values.GetValueOrDefault("environment", "Production"),
            parallelism > 0 ? parallelism : System.Environment.ProcessorCount,
            TimeSpan.FromSeconds(timeout));
    }
}
