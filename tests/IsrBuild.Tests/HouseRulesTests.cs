namespace IsrBuild.Tests;

/// <summary>IsrBuild's folders depend one way, and its classes take a handful of dependencies each.</summary>
public sealed class HouseRulesTests
{
    [Fact]
    public void NoFolderOfIsrBuild_IsReachedFromAFolderItDependsOn()
    {
        var cycles = HouseRules.FolderCycles(Path.Combine("src", "IsrBuild"));

        Assert.True(cycles.Count == 0, "Folders that reach each other: " + string.Join(" | ", cycles));
    }

    [Fact]
    public void NoClassOfIsrBuild_TakesMoreThanEightConstructorDependencies()
    {
        var crowded = HouseRules.CrowdedConstructors(typeof(IsrOptions).Assembly);

        Assert.True(crowded.Count == 0, "Classes with too many dependencies: " + string.Join(", ", crowded));
    }
}
