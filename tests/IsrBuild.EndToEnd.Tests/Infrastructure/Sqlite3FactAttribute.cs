namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A test that runs the README's <c>sqlite3</c> command. Without the shell the test is skipped with the install
/// command, unless <c>ISRBUILD_REQUIRE_SQLITE3=1</c> (set by .ci/run, which installs it) makes it run and fail.
/// </summary>
public sealed class Sqlite3FactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/sqlite3";

    public Sqlite3FactAttribute()
    {
        if (!File.Exists(Binary) && Environment.GetEnvironmentVariable("ISRBUILD_REQUIRE_SQLITE3") != "1")
        {
            Skip = "the sqlite3 shell is not installed (apt-get install sqlite3; .ci/run installs it)."; // a dev machine may lack it; CI requires it
        }
    }
}
