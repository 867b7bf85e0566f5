namespace IsrBuild.Redis.Tests;

/// <summary>IsrBuild.Redis's folders depend one way, and its classes take a handful of dependencies each.</summary>
public sealed class HouseRulesTests
{
    [Fact]
    public void NoFolderOfIsrBuildRedis_IsReachedFromAFolderItDependsOn()
    {
        var cycles = HouseRules.FolderCycles(Path.Combine("src", "IsrBuild.Redis"));

        Assert.True(cycles.Count == 0, "Folders that reach each other: " + string.Join(" | ", cycles));
    }

    [Fact]
    public void NoClassOfIsrBuildRedis_TakesMoreThanEightConstructorDependencies()
    {
        var crowded = HouseRules.CrowdedConstructors(typeof(RedisIsrOptions).Assembly);

        Assert.True(crowded.Count == 0, "Classes with too many dependencies: " + string.Join(", ", crowded));
    }
}
