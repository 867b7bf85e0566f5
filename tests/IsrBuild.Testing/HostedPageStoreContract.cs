using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Testing;

/// <summary>The store contract run against the store a real host of the test site resolves, as its requests use it.</summary>
public abstract class HostedPageStoreContract : PageStoreContract, IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();
    private IsrTestHost? _host;

    public void Dispose()
    {
        _contentRoot.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected override async Task<IIsrPageStore> CreateStoreAsync()
    {
        _host = await StartHostAsync(_contentRoot.Path, new TestBackend(), new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        return _host.Services.GetRequiredService<IIsrPageStore>();
    }

    /// <summary>Starts the host whose store is under test, in <paramref name="contentRoot"/>.</summary>
    private protected abstract Task<IsrTestHost> StartHostAsync(string contentRoot, TestBackend backend, FakeTimeProvider clock);
}
