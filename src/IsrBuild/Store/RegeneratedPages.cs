using System.Collections.Concurrent;
using System.Threading.Channels;
using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Store;

/// <summary>
/// The pages this host regenerated since publish, in one SQLite file in the build's folder of the cache directory:
/// written in a transaction each (WAL, synchronous FULL), so a crash keeps either the old row or the new one, never
/// a torn page. Bounded in bytes, oldest evicted first; markers that hide a published page never are.
/// </summary>
internal sealed class RegeneratedPages : IDisposable
{
    /// <summary>The most writes one transaction commits; more wait for the next.</summary>
    private const int MaxWritesPerTransaction = 256;

    /// <summary>Eviction takes the oldest rows; a rewrite replaces a path's tags.</summary>
    private const string IndexSql = "CREATE INDEX IF NOT EXISTS pages_by_age ON pages (generated_at); CREATE INDEX IF NOT EXISTS tags_by_path ON tags (path);";

    private readonly ILogger _logger;
    private readonly long _maxBytes;
    private readonly string _file;
    private readonly ConcurrentDictionary<string, byte> _paths = new(StringComparer.Ordinal);
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly SqliteReaderPool _readers;
    private long _bytes;
    private Task? _writerLoop;

    private RegeneratedPages(string file, long maxBytes, ILogger logger)
    {
        _file = file;
        _maxBytes = maxBytes;
        _logger = logger;
        (_writer, _readers) = Open(file);
    }


    /// <summary>
    /// Opens the store in <paramref name="folder"/>; a damaged one is deleted and started afresh (its pages are then
    /// regenerated as they are asked for), never served.
    /// </summary>
    public static RegeneratedPages Open(string folder, long maxBytes, ILogger logger)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, PageDatabase.RegeneratedFileName);
        return PageDatabase.OpenOrStartAfresh(
            file,
            () =>
            {
                var store = new RegeneratedPages(file, maxBytes, logger);
                store.Load();
                return store;
            },
            exception => logger.RegeneratedStoreDamaged(file, exception));
    }

    public bool Contains(string path) => _paths.ContainsKey(path);

    public long Bytes => Interlocked.Read(ref _bytes);

    public StoredPage? Get(string path, PageEncoding encoding, out byte[]? body)
    {
        body = null;
        if (!_paths.ContainsKey(path))
        {
            return null;
        }

        var (page, bytes) = PageQueries.WithBody(_readers, path, encoding, PageSource.Regenerated);
        body = bytes;
        return page;
    }

    /// <summary>The path's state without its bodies, or <see langword="null"/> when this store has none.</summary>
    public StoredPage? Metadata(string path) =>
        _paths.ContainsKey(path) ? PageQueries.Metadata(_readers, path, PageSource.Regenerated) : null;

    /// <summary>The bytes of <paramref name="encoding"/> if the row still holds the version hashed <paramref name="hash"/>.</summary>
    public byte[]? GetBody(string path, PageEncoding encoding, string hash) => PageQueries.Body(_readers, path, encoding, hash);

    public IReadOnlyList<string> PathsWithTag(string tag) => PageQueries.PathsWithTag(_readers, tag);

    public IReadOnlyList<string> PathsUnder(string prefix) => PageQueries.PathsUnder(_readers, prefix);

    /// <summary>Writes the path's new state: the row and its tags, committed before the task completes.</summary>
    public Task SetAsync(StoredPage page, EncodedPage? body) =>
        WriteAsync(transaction =>
        {
            var previous = SizeOf(page.Path, transaction);
            using (var insert = _writer.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = PageDatabase.InsertPage;
                PageDatabase.Bind(insert, page, body);
                insert.ExecuteNonQuery();
            }

            ReplaceTags(page.Path, page.Kind == StoredPageKind.Page ? page.Tags : [], transaction);
            return () =>
            {
                _paths[page.Path] = 0;
                Interlocked.Add(ref _bytes, PageDatabase.DiskSize(body) - previous);
            };
        });

    /// <summary>
    /// Gives the path's page new times, fence and interval, keeping its bodies, if the row still holds the version
    /// hashed as <paramref name="page"/> says; whether it did.
    /// </summary>
    public async Task<bool> RefreshAsync(StoredPage page)
    {
        if (!_paths.ContainsKey(page.Path))
        {
            return false;
        }

        var refreshed = false;
        await WriteAsync(transaction =>
        {
            using var update = _writer.CreateCommand();
            update.Transaction = transaction;
            update.CommandText =
                "UPDATE pages SET generated_at = $generated_at, revalidate = $revalidate, fence = $fence "
                + "WHERE path = $path AND kind = $kind AND html_hash = $html_hash";
            update.Parameters.AddWithValue("$generated_at", page.GeneratedAt.ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("$revalidate", (object?)page.Revalidate ?? DBNull.Value);
            update.Parameters.AddWithValue("$fence", page.Fence);
            update.Parameters.AddWithValue("$path", page.Path);
            update.Parameters.AddWithValue("$kind", (int)StoredPageKind.Page);
            update.Parameters.AddWithValue("$html_hash", (object?)page.HtmlHash ?? DBNull.Value);
            refreshed = update.ExecuteNonQuery() == 1;
            return null;
        });
        return refreshed;
    }

    /// <summary>Forgets the path: nothing published could come back in its place, so no marker is needed.</summary>
    public Task RemoveAsync(string path)
    {
        if (!_paths.ContainsKey(path))
        {
            return Task.CompletedTask;
        }

        return WriteAsync(transaction =>
        {
            var previous = SizeOf(path, transaction);
            using (var delete = _writer.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM pages WHERE path = $path";
                delete.Parameters.AddWithValue("$path", path);
                delete.ExecuteNonQuery();
            }

            ReplaceTags(path, [], transaction);
            return () =>
            {
                _paths.TryRemove(path, out _);
                Interlocked.Add(ref _bytes, -previous);
            };
        });
    }

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writerLoop?.Wait(TimeSpan.FromSeconds(10));
        _readers.Dispose();
        _writer.Dispose();
    }

    /// <summary>
    /// Queues a write for the writer, which commits every write queued meanwhile in one transaction (group commit):
    /// one flush for many pages, where a transaction each made the flush most of a regeneration's cost. Each write
    /// has a savepoint of its own, so one that fails fails alone; the task completes once its transaction is durable.
    /// </summary>
    /// <param name="apply">Runs the write's statements; returns what to change in memory once it is committed.</param>
    private Task WriteAsync(Func<SqliteTransaction, Action?> apply)
    {
        var write = new Write(apply);
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(write), this);
        return write.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>();
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxWritesPerTransaction && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
            batch.Clear();
            if (Bytes > _maxBytes)
            {
                try
                {
                    Evict();
                }
                catch (Exception exception)
                {
                    // The writer must outlive it: the next write over the cap tries again, and writes go on meanwhile.
                    _logger.CacheEvictionFailed(exception);
                }
            }
        }
    }

    private void Commit(List<Write> batch)
    {
        var applied = new Action?[batch.Count];
        var failed = new Exception?[batch.Count];
        try
        {
            using var transaction = _writer.BeginTransaction();
            for (var i = 0; i < batch.Count; i++)
            {
                transaction.Save("write");
                try
                {
                    applied[i] = batch[i].Apply(transaction);
                    transaction.Release("write");
                }
                catch (SqliteException exception)
                {
                    transaction.Rollback("write");
                    transaction.Release("write");
                    failed[i] = exception;
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(exception);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failed[i] is { } exception)
            {
                batch[i].Done.TrySetException(exception);
                continue;
            }

            applied[i]?.Invoke();
            batch[i].Done.TrySetResult();
        }
    }

    private static (SqliteConnection Writer, SqliteReaderPool Readers) Open(string file)
    {
        // The page size and incremental vacuum must be set before the first table; evictions hand space back. The
        // write-ahead log is checkpointed every 4 MiB, so it stays a small part of the cache's byte cap.
        var writer = PageDatabase.OpenChecked(
            file,
            $"PRAGMA page_size = {PageDatabase.PageSize}; PRAGMA auto_vacuum = INCREMENTAL; "
            + "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 256; "
            + PageDatabase.Schema + IndexSql
            + $"; PRAGMA user_version = {PageDatabase.SchemaVersion};");
        return (writer, new SqliteReaderPool(PageDatabase.ConnectionString(file, SqliteOpenMode.ReadOnly)));
    }

    private void Load()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT path FROM pages";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _paths[reader.GetString(0)] = 0;
            }
        }

        // The file's pages in use (rows, indexes, the schema); writes then add and remove their rows' estimates.
        Interlocked.Exchange(ref _bytes, UsedBytes());
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    private long UsedBytes() =>
        (Convert.ToInt64(PageDatabase.Scalar(_writer, "PRAGMA page_count"), System.Globalization.CultureInfo.InvariantCulture)
        - Convert.ToInt64(PageDatabase.Scalar(_writer, "PRAGMA freelist_count"), System.Globalization.CultureInfo.InvariantCulture))
        * PageDatabase.PageSize;

    private long SizeOf(string path, SqliteTransaction transaction)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT size FROM pages WHERE path = $path";
        command.Parameters.AddWithValue("$path", path);
        return command.ExecuteScalar() is long size ? size : 0;
    }

    private void ReplaceTags(string path, IReadOnlyList<string> tags, SqliteTransaction transaction)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM tags WHERE path = $path";
        command.Parameters.AddWithValue("$path", path);
        command.ExecuteNonQuery();
        command.CommandText = "INSERT OR IGNORE INTO tags (tag, path) VALUES ($tag, $path)";
        var tag = command.Parameters.Add("$tag", SqliteType.Text);
        foreach (var value in tags)
        {
            tag.Value = value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Deletes the oldest regenerated pages until the store holds 90 % of its cap, then hands the space back to the
    /// file system. Not-found markers are kept: evicting one would bring a deleted page back.
    /// </summary>
    private void Evict()
    {
        var target = _maxBytes * 9 / 10;
        var evicted = 0;
        while (Bytes > target)
        {
            using var transaction = _writer.BeginTransaction();
            using var select = _writer.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT path, size FROM pages WHERE kind != $notFound ORDER BY generated_at LIMIT 64";
            select.Parameters.AddWithValue("$notFound", (int)StoredPageKind.NotFound);
            var victims = new List<(string Path, long Size)>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read() && Bytes - victims.Sum(v => v.Size) > target)
                {
                    victims.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }

            if (victims.Count == 0)
            {
                break;
            }

            using var delete = _writer.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM pages WHERE path = $path";
            var parameter = delete.Parameters.Add("$path", SqliteType.Text);
            foreach (var (path, _) in victims)
            {
                parameter.Value = path;
                delete.ExecuteNonQuery();
                ReplaceTags(path, [], transaction);
            }

            transaction.Commit();
            foreach (var (path, size) in victims)
            {
                _paths.TryRemove(path, out _);
                Interlocked.Add(ref _bytes, -size);
            }

            evicted += victims.Count;
        }

        PageDatabase.Execute(_writer, "PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);");
        Interlocked.Exchange(ref _bytes, UsedBytes());
        _logger.CacheEvicted(evicted, Bytes);
    }

    /// <summary>One queued write: its statements, and the task its caller awaits.</summary>
    private sealed class Write(Func<SqliteTransaction, Action?> apply)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action? Apply(SqliteTransaction transaction) => apply(transaction);
    }
}
