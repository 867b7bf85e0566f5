using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Manifest;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Store;

/// <summary>
/// The single-host invalidation log: one SQLite file in the cache directory, beside the builds' folders (tags describe
/// data, not builds, so a rollback reads the same file). The newest invalidation per target is kept, written in a
/// transaction (WAL, synchronous FULL) before the revalidate call answers, so it survives a crash or restart.
/// </summary>
internal sealed class LocalInvalidationLog(
    PublishedBuild build,
    IOptions<IsrOptions> options,
    TimeProvider timeProvider,
    ILogger<LocalInvalidationLog> logger) : IIsrInvalidationLog, IDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS invalidations (key TEXT PRIMARY KEY, at INTEGER NOT NULL, mode INTEGER NOT NULL) WITHOUT ROWID;";

    // The newest per target: a write older than the one kept (from a slow host, say) changes nothing.
    private const string Upsert =
        """
        INSERT INTO invalidations (key, at, mode) VALUES ($key, $at, $mode)
        ON CONFLICT (key) DO UPDATE SET at = excluded.at, mode = excluded.mode
        WHERE excluded.at > invalidations.at OR (excluded.at = invalidations.at AND excluded.mode > invalidations.mode)
        """;

    private readonly Lock _gate = new();
    private SqliteConnection? _connection;

    public Task<IReadOnlyList<Invalidation>> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var connection = Connection();
            using var command = connection.CreateCommand();

            // A page older than the expire time renders anyway: older invalidations cannot matter.
            command.CommandText = "DELETE FROM invalidations WHERE at < $cutoff; SELECT key, at, mode FROM invalidations";
            command.Parameters.AddWithValue("$cutoff", timeProvider.GetUtcNow().AddSeconds(-options.Value.ExpireSeconds).ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            var all = new List<Invalidation>();
            while (reader.Read())
            {
                if (Invalidation.FromKey(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), (InvalidationMode)reader.GetInt32(2)) is { } invalidation)
                {
                    all.Add(invalidation);
                }
            }

            return Task.FromResult<IReadOnlyList<Invalidation>>(all);
        }
    }

    public Task<bool> RecordAsync(IReadOnlyList<Invalidation> invalidations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invalidations);
        lock (_gate)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Upsert;
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            var mode = command.Parameters.Add("$mode", SqliteType.Integer);
            foreach (var invalidation in invalidations)
            {
                key.Value = invalidation.Key;
                at.Value = invalidation.At.ToUnixTimeMilliseconds();
                mode.Value = (int)invalidation.Mode;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return Task.FromResult(true);
    }

    public void Dispose() => _connection?.Dispose();

    private SqliteConnection Connection()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var file = options.Value.InvalidationFile(build.Root);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Unreadable invalidations cannot be honoured; a fresh file at least records the ones from now on.
        _connection = PageDatabase.OpenOrStartAfresh(
            file,
            () => PageDatabase.OpenChecked(file, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " + Schema),
            exception => logger.InvalidationLogDamaged(file, exception));
        return _connection;
    }
}
