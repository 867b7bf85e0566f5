using System.Reflection;

namespace IsrBuild.Testing;

/// <summary>The house rules as facts, for one project of <c>src/</c>: derive, and name the project and its assembly.</summary>
public abstract class HouseRuleFacts
{
    /// <summary>The project's folder from the repository's root, such as <c>src/IsrBuild</c>.</summary>
    protected abstract string Project { get; }

    /// <summary>The assembly the project builds.</summary>
    protected abstract Assembly Assembly { get; }

    [Fact]
    public void NoFolder_IsReachedFromAFolderItDependsOn()
    {
        var cycles = HouseRules.FolderCycles(Project);

        Assert.True(cycles.Count == 0, "Folders that reach each other: " + string.Join(" | ", cycles));
    }

    [Fact]
    public void NoClass_TakesMoreThanEightConstructorDependencies()
    {
        var crowded = HouseRules.CrowdedConstructors(Assembly);

        Assert.True(crowded.Count == 0, "Classes with too many dependencies: " + string.Join(", ", crowded));
    }
}
