using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Store;

/// <summary>The store contract, kept by the single-host store: the published SQLite file under the regenerated one.</summary>
public sealed class LayeredPageStoreContractTests : PageStoreContract, IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();
    private IsrTestHost? _host;

    protected override async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

    }

    public void Dispose() => _contentRoot.Dispose();

    protected override async Task<IIsrPageStore> CreateStoreAsync()
    {
        _host = await IsrTestHost.StartAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        return _host.Services.GetRequiredService<IIsrPageStore>();
    }
}
