using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace IsrBuild.Store;

/// <summary>
/// Open connections to one SQLite file, each keeping its statements prepared, lent to one reader at a time: a read
/// on the serving path costs a statement step, never a connection open or a statement compile.
/// </summary>
internal sealed class SqliteReaderPool(string connectionString) : IDisposable
{
    private readonly ConcurrentBag<Reader> _idle = [];
    private readonly ConcurrentQueue<Reader> _all = new();
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="read"/> on a connection of the pool, with the prepared command for <paramref name="sql"/>.</summary>
    public T Read<T>(string sql, Func<SqliteCommand, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var reader))
        {
            reader = new Reader(connectionString);
            _all.Enqueue(reader);
        }

        try
        {
            return read(reader.Command(sql));
        }
        finally
        {
            if (_disposed)
            {
                reader.Dispose();
            }
            else
            {
                _idle.Add(reader);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_all.TryDequeue(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public Reader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
        }

        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.Add("$path", SqliteType.Text);
                command.Prepare();
                _commands[sql] = command;
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }
}
