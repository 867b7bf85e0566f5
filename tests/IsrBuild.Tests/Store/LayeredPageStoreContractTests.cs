using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Store;

/// <summary>The store contract, kept by the single-host store: the published SQLite file under the regenerated one.</summary>
public sealed class LayeredPageStoreContractTests : HostedPageStoreContract
{
    private protected override Task<IsrTestHost> StartHostAsync(string contentRoot, TestBackend backend, FakeTimeProvider clock) =>
        IsrTestHost.StartAsync(contentRoot, backend, clock);
}
