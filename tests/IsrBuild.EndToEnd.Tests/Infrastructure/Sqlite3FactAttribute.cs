using IsrBuild.Testing;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>A test that runs the <c>sqlite3</c> command docs/how-it-works.md gives; <c>ISRBUILD_REQUIRE_SQLITE3=1</c> makes it run where it would be skipped.</summary>
public sealed class Sqlite3FactAttribute() : ProgramFactAttribute(Binary, "ISRBUILD_REQUIRE_SQLITE3", "sqlite3")
{
    public const string Binary = "/usr/bin/sqlite3";
}
