using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace IsrBuild.EndToEnd.Tests.Evaluation;

internal static class MSBuildRegistration
{
    /// <summary>Registers the machine's .NET SDK before any Microsoft.Build type loads.</summary>
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
