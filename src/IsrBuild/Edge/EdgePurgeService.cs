using System.Threading.Channels;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Edge;

/// <summary>
/// Purges the caches in front after every page change on this host, outside the request path: a change announced
/// on <see cref="PageChanges"/> (a regeneration here, or a page another host wrote) queues its path, and a worker
/// purges what is queued. A revalidate call also purges its own pages before it answers (<see cref="EdgePurger"/>).
/// </summary>
internal sealed class EdgePurgeService : BackgroundService
{
    private const int Capacity = 100_000;

    private readonly EdgePurger _purger;
    private readonly ILogger<EdgePurgeService> _logger;
    private readonly Channel<string> _changed = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    public EdgePurgeService(EdgePurger purger, PageChanges changes, ILogger<EdgePurgeService> logger)
    {
        _purger = purger;
        _logger = logger;
        if (purger.IsEnabled)
        {
            changes.Changed += change =>
            {
                if (!_changed.Writer.TryWrite(change.Path))
                {
                    _logger.EdgePurgeQueueFull(change.Path, Capacity);
                }
            };
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_purger.IsEnabled)
        {
            return;
        }

        var batch = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await _changed.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 64 && _changed.Reader.TryRead(out var path))
                {
                    batch.Add(path);
                }

                await _purger.PurgeAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
