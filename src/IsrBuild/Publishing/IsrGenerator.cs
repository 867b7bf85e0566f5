using System.ComponentModel;

namespace IsrBuild.Publishing;

/// <summary>
/// Infrastructure: the entry point of the IsrBuild.Generator process that <c>dotnet publish</c> runs. Not for sites'
/// own code; its command line is a contract between the MSBuild task and the generator of the same version.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IsrGenerator
{
    /// <summary>Prerenders the site named on the command line; returns the process's exit code.</summary>
    /// <param name="args">The command line the MSBuild task gives the generator.</param>
    public static Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return GeneratorRun.RunAsync(args);
    }
}
