using System.Reflection;

namespace IsrBuild.Tests;

/// <summary>IsrBuild's folders depend one way, and its classes take a handful of dependencies each.</summary>
public sealed class HouseRulesTests : HouseRuleFacts
{
    protected override string Project => Path.Combine("src", "IsrBuild");

    protected override Assembly Assembly => typeof(IsrOptions).Assembly;
}
