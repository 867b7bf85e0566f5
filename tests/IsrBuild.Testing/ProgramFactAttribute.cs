namespace IsrBuild.Testing;

/// <summary>
/// A test that needs a program from Debian's packages (nginx, sqlite3, redis-server). A developer's machine may lack
/// it: the test is then skipped, saying how to install it. CI's .ci/run installs it and sets
/// <c>ISRBUILD_REQUIRE_...=1</c>, so there the test runs, and fails rather than skip, if the program is missing.
/// </summary>
public abstract class ProgramFactAttribute : FactAttribute
{
    protected ProgramFactAttribute(string binary, string requireVariable, string package)
    {
        if (!File.Exists(binary) && Environment.GetEnvironmentVariable(requireVariable) != "1")
        {
            Skip = $"{Path.GetFileName(binary)} is not installed (apt-get install {package}; .ci/run installs it and requires the test).";
        }
    }
}
