using IsrBuild.Publishing;

namespace IsrBuild.Tests.Publishing;

public sealed class GeneratorArgumentsTests
{
    private static readonly string[] Required =
        ["--assembly", "app.dll", "--project-dir", "site", "--output", "out", "--result", "result.json", "--file-list", "files.txt"];

    [Fact]
    public void TheTasksCommandLine_IsRead_WithDefaultsForWhatItLeavesOut()
    {
        var arguments = GeneratorArguments.Parse(Required);

        Assert.Equal(Path.GetFullPath("app.dll"), arguments.AssemblyPath);
        Assert.Equal(Path.GetFullPath("out"), arguments.OutputDirectory);
        Assert.Equal("Production", arguments.Environment);
        Assert.Equal(Environment.ProcessorCount, arguments.MaxParallelism);
        Assert.Equal(TimeSpan.FromSeconds(60), arguments.PageTimeout);
    }

    [Fact]
    public void Options_OverrideTheDefaults()
    {
        var arguments = GeneratorArguments.Parse([.. Required, "--environment", "Staging", "--max-parallelism", "3", "--page-timeout", "900"]);

        Assert.Equal("Staging", arguments.Environment);
        Assert.Equal(3, arguments.MaxParallelism);
        Assert.Equal(TimeSpan.FromSeconds(900), arguments.PageTimeout);
    }

    [Theory]
    [InlineData("--output", "Missing --assembly.")]
    [InlineData("stray", "Unexpected argument 'stray'")]
    public void AMalformedCommandLine_IsRefused_SayingWhatIsWrong(string first, string message)
    {
        string[] args = first == "stray" ? ["stray", .. Required] : ["--output", "out"];

        var exception = Assert.Throws<ArgumentException>(() => GeneratorArguments.Parse(args));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APageTimeoutBelowOneSecond_IsRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => GeneratorArguments.Parse([.. Required, "--page-timeout", "0"]));

        Assert.Contains("--page-timeout must be a positive number of seconds", exception.Message, StringComparison.Ordinal);
    }
}
