using IsrBuild.Coordination;

namespace IsrBuild.Tests.Coordination;

/// <summary>The store contract, kept by a store written against the public contract alone.</summary>
public sealed class DictionaryPageStoreContractTests : PageStoreContract
{
    protected override async Task<IIsrPageStore> CreateStoreAsync()
    {
        var store = new DictionaryPageStore();
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
