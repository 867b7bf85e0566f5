using System.Threading.Channels;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Edge;

/// <summary>
/// Purges the caches in front after every change on this host, outside the request path: a page change announced on
/// <see cref="PageChanges"/> (a regeneration here, or a page another host wrote) queues its path; an invalidation
/// (made here or on another host) queues its target, whose pages are then looked up and purged a batch at a time, as
/// a cache in front would otherwise keep serving them as fresh. A revalidate call also purges the paths it names
/// before it answers (<see cref="EdgePurger"/>).
/// </summary>
internal sealed class EdgePurgeService : BackgroundService
{
    private const int Capacity = 100_000;
    private const int BatchSize = 64;

    private readonly EdgePurger _purger;
    private readonly IIsrPageStore _store;
    private readonly ILogger<EdgePurgeService> _logger;
    private readonly Channel<string> _changed = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly Channel<Invalidation> _invalidated = Channel.CreateUnbounded<Invalidation>(new UnboundedChannelOptions { SingleReader = true });

    public EdgePurgeService(EdgePurger purger, PageChanges changes, Invalidations invalidations, IIsrPageStore store, ILogger<EdgePurgeService> logger)
    {
        _purger = purger;
        _store = store;
        _logger = logger;
        if (purger.IsEnabled)
        {
            changes.Changed += change =>
            {
                if (!change.PurgedByCaller && !change.Refreshed && !_changed.Writer.TryWrite(change.Path))
                {
                    _logger.EdgePurgeQueueFull(change.Path, Capacity);
                }
            };
            invalidations.Applied += invalidation => _invalidated.Writer.TryWrite(invalidation);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_purger.IsEnabled)
        {
            return;
        }

        try
        {
            await Task.WhenAll(PurgeChangesAsync(stoppingToken), PurgeInvalidationsAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PurgeChangesAsync(CancellationToken stoppingToken)
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        while (await _changed.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < BatchSize && _changed.Reader.TryRead(out var path))
            {
                batch.Add(path);
            }

            await _purger.PurgeAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task PurgeInvalidationsAsync(CancellationToken stoppingToken)
    {
        await foreach (var invalidation in _invalidated.Reader.ReadAllAsync(stoppingToken))
        {
            IReadOnlyCollection<string> paths = invalidation.Scope switch
            {
                InvalidationScope.Tag => await _store.GetPathsByTagAsync(invalidation.Target, stoppingToken),
                InvalidationScope.Prefix => await _store.GetPathsByPrefixAsync(invalidation.Target, stoppingToken),
                _ => [invalidation.Target],
            };
            foreach (var batch in paths.Chunk(BatchSize))
            {
                await _purger.PurgeAsync(batch, stoppingToken);
            }
        }
    }
}
