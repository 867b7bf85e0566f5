namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>How a child process ended and what it printed.</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}
