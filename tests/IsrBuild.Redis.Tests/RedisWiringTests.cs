using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Redis.Tests;

/// <summary>Wiring mistakes stop the host before it takes traffic, with a message saying what to fix.</summary>
public sealed class RedisWiringTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task MissingConfigurationOrABadValue_StopsTheHostAtStartup_NamingTheOption()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => IsrTestHost.StartAsync(
            _contentRoot.Path,
            new TestBackend(),
            new FakeTimeProvider(),
            services: services => services.AddIsrRedis(options => options.LeaseSeconds = 0)));

        Assert.Contains("Isr:Redis:Configuration", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Isr:Redis:LeaseSeconds", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIsrRedisWithoutAddIsr_SaysWhatToCallFirst()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddIsrRedis());

        Assert.Contains("AddIsr()", exception.Message, StringComparison.Ordinal);
    }
}
