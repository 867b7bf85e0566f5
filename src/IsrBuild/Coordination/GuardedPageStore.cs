using IsrBuild.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Coordination;

/// <summary>
/// The page store as the request path and regeneration use it: a store that throws (a SQLite I/O error, a full disk,
/// a store on the public contract whose backend is down) never fails a page request. A read that throws answers as
/// if the store held nothing, so memory serves what it holds and anything else renders or takes its fallback, as
/// ASP.NET Core's Output Caching does; a write that throws is a <see cref="PageStoreWriteException"/> for the
/// regeneration to count as failed. Each kind of error is logged once per burst, not once per request.
/// </summary>
internal sealed class GuardedPageStore(IIsrPageStore store, IsrMetrics metrics, ILogger<GuardedPageStore> logger)
{
    private readonly LogBurst _reads = new();
    private readonly LogBurst _writes = new();

    public async ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(path, encoding, cancellationToken);
        }
        catch (Exception exception) when (IsStoreError(exception, cancellationToken))
        {
            ReadFailed(path, exception);
            return null;
        }
    }

    public async ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetMetadataAsync(path, cancellationToken);
        }
        catch (Exception exception) when (IsStoreError(exception, cancellationToken))
        {
            ReadFailed(path, exception);
            return null;
        }
    }

    public async ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetBodyAsync(page, encoding, cancellationToken);
        }
        catch (Exception exception) when (IsStoreError(exception, cancellationToken))
        {
            ReadFailed(page.Path, exception);
            return null;
        }
    }

    /// <exception cref="PageStoreWriteException">The store refused the write.</exception>
    public async Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
    {
        try
        {
            return await store.SetAsync(page, body, cancellationToken);
        }
        catch (Exception exception) when (IsStoreError(exception, cancellationToken))
        {
            throw WriteFailed(page.Path, exception);
        }
    }

    /// <exception cref="PageStoreWriteException">The store refused the write.</exception>
    public async Task<PageWriteResult?> RefreshAsync(StoredPage page, CancellationToken cancellationToken)
    {
        try
        {
            return await store.RefreshAsync(page, cancellationToken);
        }
        catch (Exception exception) when (IsStoreError(exception, cancellationToken))
        {
            throw WriteFailed(page.Path, exception);
        }
    }

    private PageStoreWriteException WriteFailed(string path, Exception exception)
    {
        metrics.StoreError("write");
        if (_writes.Begins(out var suppressed))
        {
            logger.PageStoreWriteFailed(path, suppressed, exception);
        }

        return new PageStoreWriteException(path, exception);
    }

    private void ReadFailed(string path, Exception exception)
    {
        metrics.StoreError("read");
        if (_reads.Begins(out var suppressed))
        {
            logger.PageStoreReadFailed(path, suppressed, exception);
        }
    }

    /// <summary>Anything the store throws, except a cancellation the caller asked for.</summary>
    private static bool IsStoreError(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
