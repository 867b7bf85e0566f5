using System.Runtime.CompilerServices;
using Microsoft.Build.Evaluation;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Evaluation;

public sealed class IsrBuildPropertiesTests
{
    [Fact]
    public void Sample_GetsTheDocumentedDefaults()
    {
        var properties = Evaluate(new Dictionary<string, string>());

        Assert.Equal("true", properties["IsrBuildEnabled"]);
        Assert.Equal("0", properties["IsrBuildMaxParallelism"]);
        Assert.Equal("60", properties["IsrBuildPageTimeoutSeconds"]);
        Assert.Equal("Production", properties["IsrBuildEnvironment"]);
        Assert.Equal("IsrTemplates", properties["IsrBuildTemplateFolder"]);
        Assert.Equal("true", properties["PreserveCompilationContext"]);
    }

    [Fact]
    public void Sample_TakesAnOverride()
    {
        var properties = Evaluate(new Dictionary<string, string> { ["IsrBuildPageTimeoutSeconds"] = "5", ["IsrBuildEnvironment"] = "Staging" });

        Assert.Equal("5", properties["IsrBuildPageTimeoutSeconds"]);
        Assert.Equal("Staging", properties["IsrBuildEnvironment"]);
        Assert.Equal("true", properties["IsrBuildEnabled"]);
    }

    // Kept out of line: Microsoft.Build types must not be touched before MSBuildLocator has registered the SDK.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dictionary<string, string> Evaluate(Dictionary<string, string> globalProperties)
    {
        using var collection = new ProjectCollection(globalProperties);
        var project = collection.LoadProject(Repository.SampleProject);
        return project.AllEvaluatedProperties
            .Where(p => p.Name.StartsWith("IsrBuild", StringComparison.Ordinal) || p.Name == "PreserveCompilationContext")
            .GroupBy(p => p.Name)
            .ToDictionary(g => g.Key, g => project.GetPropertyValue(g.Key));
    }
}
