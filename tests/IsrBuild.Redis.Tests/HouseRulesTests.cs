using System.Reflection;

namespace IsrBuild.Redis.Tests;

/// <summary>IsrBuild.Redis's folders depend one way, and its classes take a handful of dependencies each.</summary>
public sealed class HouseRulesTests : HouseRuleFacts
{
    protected override string Project => Path.Combine("src", "IsrBuild.Redis");

    protected override Assembly Assembly => typeof(RedisIsrOptions).Assembly;
}
