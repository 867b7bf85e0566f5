using System.Collections.Concurrent;
using IsrBuild.Coordination;

namespace IsrBuild.Tests.Coordination;

/// <summary>A store in a dictionary, outliving the hosts of one test, written only against the public contract.</summary>
internal sealed class DictionaryPageStore : IIsrPageStore
{
    private readonly ConcurrentDictionary<string, (StoredPage Page, EncodedPage? Body)> _pages = new(StringComparer.Ordinal);

    public string BuildId { get; private set; } = string.Empty;

    /// <summary>Every read throws, as a store whose backend is down does.</summary>
    public bool FailReads { get; set; }

    /// <summary>Every write throws, as a store on a full disk does.</summary>
    public bool FailWrites { get; set; }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        BuildId = "test-build";
        return Task.CompletedTask;
    }

    public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken) =>
        FailReads ? throw new IOException("The backend is down.") : ValueTask.FromResult(_pages.TryGetValue(path, out var entry) ? ((StoredPage, byte[]?)?)(entry.Page, entry.Body?[encoding].Content) : null);

    public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) =>
        FailReads ? throw new IOException("The backend is down.") : ValueTask.FromResult(_pages.TryGetValue(path, out var entry) ? entry.Page : null);

    public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken) =>
        FailReads ? throw new IOException("The backend is down.") : ValueTask.FromResult(_pages.TryGetValue(page.Path, out var entry) && entry.Page.HashOf(encoding) == page.HashOf(encoding) ? entry.Body?[encoding].Content : null);

    public Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
    {
        if (FailWrites)
        {
            throw new IOException("No space left on device.");
        }

        _pages[page.Path] = (page, body);
        return Task.FromResult(new PageWriteResult(PageWrite.Shared, page));
    }

    public Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([.. _pages.Where(p => p.Value.Page.Tags.Contains(tag)).Select(p => p.Key)]);

    public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([.. _pages.Keys.Where(path => prefix == "/" || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))]);
}
