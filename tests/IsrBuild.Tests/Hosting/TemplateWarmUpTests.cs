using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Tests.Hosting;

/// <summary>A production host compiles its templates as it starts, so the first visitor does not wait for Roslyn.</summary>
public sealed class TemplateWarmUpTests : ServingTestBase
{
    private const int TemplatesWarmedUp = 13;

    // The warm-up reports at Debug, which a host leaves out by default.
    public TemplateWarmUpTests() => Services = services => services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Debug);

    [Fact]
    public async Task AProductionHost_CompilesEveryTemplateAtStartup()
    {
        await Eventually.TrueAsync(() => Host.Log.Entries.Any(e => e.EventId == TemplatesWarmedUp), "the warm-up reported");

        var entry = Assert.Single(Host.Log.Entries, e => e.EventId == TemplatesWarmedUp);
        Assert.StartsWith("Compiled 2 templates", entry.Message, StringComparison.Ordinal);
    }
}
