using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using LightningDB;
using Microsoft.Data.Sqlite;

namespace IsrBuild.Bench.Store;

/// <summary>The two candidate engines behind the three operations the page store needs.</summary>
internal abstract class PageEngine : IDisposable
{
    public static PageEngine Open(string engine, string directory, bool writable) => engine switch
    {
        "sqlite" => new SqliteEngine(directory, writable),
        "lmdb" => new LmdbEngine(directory),
        "sqlite-raw" => new SqliteRawEngine(directory),
        "sqlite-rowid" => new SqliteRowidEngine(directory, writable),
        "sqlite-blob" => new SqliteBlobEngine(directory),
        _ => throw new ArgumentException(engine),
    };

    public abstract void WriteBatch(IEnumerable<SamplePage> pages);

    public abstract byte[]? ReadHtml(string path);

    public abstract IEnumerable<(string Path, byte[] Html, string Hash)> ReadAll();

    public abstract void Dispose();

    private sealed class SqliteEngine : PageEngine
    {
        private readonly string _connectionString;
        private readonly ConcurrentBag<(SqliteConnection Connection, SqliteCommand Read)> _readers = [];
        private readonly Lock _writeGate = new();
        private readonly SqliteConnection? _writer;

        // SQLite's default page is 4 KiB, so a ~14 KB row spills into an overflow chain that every read walks.
        private static readonly int PageSize = int.Parse(Environment.GetEnvironmentVariable("SQLITE_PAGE_SIZE") ?? "4096", System.Globalization.CultureInfo.InvariantCulture);

        public SqliteEngine(string directory, bool writable)
        {
            var file = Path.Combine(directory, "pages.db");
            _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = writable ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly }.ToString();
            if (writable)
            {
                _writer = new SqliteConnection(_connectionString);
                _writer.Open();
                Execute(_writer, $"PRAGMA page_size={PageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS pages(path TEXT PRIMARY KEY, html_hash TEXT NOT NULL, br BLOB, gz BLOB, html BLOB NOT NULL)");
            }
        }

        public override void WriteBatch(IEnumerable<SamplePage> pages)
        {
            lock (_writeGate)
            {
                using var transaction = _writer!.BeginTransaction();
                using var command = _writer.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO pages(path, html_hash, br, gz, html) VALUES ($path, $hash, $br, $gz, $html)";
                var path = command.Parameters.Add("$path", SqliteType.Text);
                var hash = command.Parameters.Add("$hash", SqliteType.Text);
                var br = command.Parameters.Add("$br", SqliteType.Blob);
                var gz = command.Parameters.Add("$gz", SqliteType.Blob);
                var html = command.Parameters.Add("$html", SqliteType.Blob);
                foreach (var page in pages)
                {
                    (path.Value, hash.Value, br.Value, gz.Value, html.Value) = (page.Path, page.Hash, page.Brotli, page.Gzip, page.Html);
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }

        public override byte[]? ReadHtml(string path)
        {
            if (!_readers.TryTake(out var reader))
            {
                var connection = new SqliteConnection(_connectionString);
                connection.Open();
                var command = connection.CreateCommand();
                command.CommandText = "SELECT html_hash, html FROM pages WHERE path = $path";
                command.Parameters.Add("$path", SqliteType.Text);
                command.Prepare();
                reader = (connection, command);
            }

            try
            {
                reader.Read.Parameters[0].Value = path;
                using var result = reader.Read.ExecuteReader();
                return result.Read() ? (byte[])result.GetValue(1) : null;
            }
            finally
            {
                _readers.Add(reader);
            }
        }

        public override IEnumerable<(string Path, byte[] Html, string Hash)> ReadAll()
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var integrity = (string)command.ExecuteScalar()!;
            if (integrity != "ok")
            {
                throw new InvalidOperationException("integrity_check: " + integrity);
            }

            command.CommandText = "SELECT path, html, html_hash FROM pages";
            using var result = command.ExecuteReader();
            while (result.Read())
            {
                yield return (result.GetString(0), (byte[])result.GetValue(1), result.GetString(2));
            }
        }

        public override void Dispose()
        {
            _writer?.Dispose();
            foreach (var (connection, command) in _readers)
            {
                command.Dispose();
                connection.Dispose();
            }
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// SQLite read through SQLitePCLRaw directly (the layer under Microsoft.Data.Sqlite): one prepared statement per
    /// connection, the blob copied from SQLite's buffer into an array, no reader object.
    /// </summary>
    private sealed class SqliteRawEngine(string directory) : PageEngine
    {
        private readonly RawReaders _readers = new(
            Path.Combine(directory, "pages.db"), "SELECT html_hash, html FROM pages WHERE path = ?", Environment.GetEnvironmentVariable("SQLITE_PRAGMAS"));

        public override void WriteBatch(IEnumerable<SamplePage> pages) => throw new NotSupportedException();

        public override byte[]? ReadHtml(string path) => _readers.ReadBlob(statement => SQLitePCL.raw.sqlite3_bind_text(statement, 1, path), column: 1);

        public override IEnumerable<(string Path, byte[] Html, string Hash)> ReadAll() => throw new NotSupportedException();

        public override void Dispose() => _readers.Dispose();
    }

    /// <summary>
    /// SQLite keyed by a 64-bit hash of the path as the rowid: one b-tree descent to the row, no index look-up first;
    /// the path is kept in the row to rule out a collision.
    /// </summary>
    private sealed class SqliteRowidEngine : PageEngine
    {
        private readonly string _file;
        private readonly RawReaders _readers;
        private readonly SqliteConnection? _writer;

        public SqliteRowidEngine(string directory, bool writable)
        {
            _file = Path.Combine(directory, "pages.db");
            _readers = new RawReaders(_file, "SELECT path, html FROM pages WHERE id = ?", pragmas: null);
            if (writable)
            {
                _writer = new SqliteConnection($"Data Source={_file};Pooling=False");
                _writer.Open();
                using var command = _writer.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS pages(id INTEGER PRIMARY KEY, path TEXT NOT NULL, html_hash TEXT NOT NULL, br BLOB, gz BLOB, html BLOB NOT NULL)";
                command.ExecuteNonQuery();
            }
        }

        public static long Key(string path) => (long)(BinaryPrimitives.ReadUInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(path))) >> 1);

        public override void WriteBatch(IEnumerable<SamplePage> pages)
        {
            using var transaction = _writer!.BeginTransaction();
            using var command = _writer.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO pages(id, path, html_hash, br, gz, html) VALUES ($id, $path, $hash, $br, $gz, $html)";
            foreach (var page in pages)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$id", Key(page.Path));
                command.Parameters.AddWithValue("$path", page.Path);
                command.Parameters.AddWithValue("$hash", page.Hash);
                command.Parameters.AddWithValue("$br", page.Brotli);
                command.Parameters.AddWithValue("$gz", page.Gzip);
                command.Parameters.AddWithValue("$html", page.Html);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        public override byte[]? ReadHtml(string path) => _readers.ReadBlob(statement => SQLitePCL.raw.sqlite3_bind_int64(statement, 1, Key(path)), column: 1);

        public override IEnumerable<(string Path, byte[] Html, string Hash)> ReadAll() => throw new NotSupportedException();

        public override void Dispose()
        {
            _writer?.Dispose();
            _readers.Dispose();
        }
    }

    /// <summary>
    /// Read-only connections to one file, each with one statement prepared through SQLite's raw API (no ADO.NET
    /// reader object), lent to one read at a time.
    /// </summary>
    private sealed class RawReaders(string file, string sql, string? pragmas) : IDisposable
    {
        private readonly ConcurrentBag<(SqliteConnection Connection, SQLitePCL.sqlite3_stmt Statement)> _idle = [];

        /// <summary>Binds the statement's parameters, steps it once, and copies the blob in <paramref name="column"/>.</summary>
        public byte[]? ReadBlob(Action<SQLitePCL.sqlite3_stmt> bind, int column)
        {
            if (!_idle.TryTake(out var reader))
            {
                var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
                connection.Open();
                if (pragmas is { Length: > 0 })
                {
                    using var pragma = connection.CreateCommand();
                    pragma.CommandText = pragmas;
                    pragma.ExecuteNonQuery();
                }

                SQLitePCL.raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
                reader = (connection, statement);
            }

            try
            {
                bind(reader.Statement);
                var found = SQLitePCL.raw.sqlite3_step(reader.Statement) == SQLitePCL.raw.SQLITE_ROW;
                var blob = found ? SQLitePCL.raw.sqlite3_column_blob(reader.Statement, column).ToArray() : null;
                SQLitePCL.raw.sqlite3_reset(reader.Statement);
                return blob;
            }
            finally
            {
                _idle.Add(reader);
            }
        }

        public void Dispose()
        {
            foreach (var (connection, statement) in _idle)
            {
                statement.Dispose();
                connection.Dispose();
            }
        }
    }

    /// <summary>
    /// The least SQLite can do for a read: the row's id known in memory (a dictionary built once), the HTML read with
    /// incremental blob I/O into a reused buffer, no statement at all.
    /// </summary>
    private sealed class SqliteBlobEngine : PageEngine
    {
        private readonly string _file;
        private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<SqliteConnection> _readers = [];

        public SqliteBlobEngine(string directory)
        {
            _file = Path.Combine(directory, "pages.db");
            using var connection = new SqliteConnection($"Data Source={_file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT path, rowid FROM pages";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ids[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        public override void WriteBatch(IEnumerable<SamplePage> pages) => throw new NotSupportedException();

        public override byte[]? ReadHtml(string path)
        {
            if (!_ids.TryGetValue(path, out var id))
            {
                return null;
            }

            if (!_readers.TryTake(out var connection))
            {
                connection = new SqliteConnection($"Data Source={_file};Mode=ReadOnly;Pooling=False");
                connection.Open();
            }

            try
            {
                SQLitePCL.raw.sqlite3_blob_open(connection.Handle, "main", "pages", "html", id, 0, out var blob);
                using (blob)
                {
                    var html = new byte[SQLitePCL.raw.sqlite3_blob_bytes(blob)];
                    SQLitePCL.raw.sqlite3_blob_read(blob, html, 0);
                    return html;
                }
            }
            finally
            {
                _readers.Add(connection);
            }
        }

        public override IEnumerable<(string Path, byte[] Html, string Hash)> ReadAll() => throw new NotSupportedException();

        public override void Dispose()
        {
            foreach (var connection in _readers)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>LMDB: one value per path, a small header (hash, lengths) before the bodies.</summary>
    private sealed class LmdbEngine : PageEngine
    {
        private readonly LightningEnvironment _environment;
        private readonly LightningDatabase _database;
        private readonly Lock _writeGate = new();

        public LmdbEngine(string directory)
        {
            _environment = new LightningEnvironment(directory, new EnvironmentConfiguration { MapSize = 64L << 30, MaxReaders = 512 });
            _environment.Open();
            using var transaction = _environment.BeginTransaction();
            _database = transaction.OpenDatabase(configuration: new DatabaseConfiguration { Flags = DatabaseOpenFlags.Create });
            transaction.Commit();
        }

        public override void WriteBatch(IEnumerable<SamplePage> pages)
        {
            lock (_writeGate)
            {
                using var transaction = _environment.BeginTransaction();
                foreach (var page in pages)
                {
                    var hash = Encoding.ASCII.GetBytes(page.Hash);
                    var value = new byte[12 + hash.Length + page.Brotli.Length + page.Gzip.Length + page.Html.Length];
                    BinaryPrimitives.WriteInt32LittleEndian(value, hash.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(4), page.Brotli.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(8), page.Gzip.Length);
                    var offset = 12;
                    foreach (var part in new[] { hash, page.Brotli, page.Gzip, page.Html })
                    {
                        part.CopyTo(value, offset);
                        offset += part.Length;
                    }

                    transaction.Put(_database, Encoding.UTF8.GetBytes(page.Path), value);
                }

                transaction.Commit();
            }
        }

        public override byte[]? ReadHtml(string path)
        {
            using var transaction = _environment.BeginTransaction(TransactionBeginFlags.ReadOnly);
            var (code, _, value) = transaction.Get(_database, Encoding.UTF8.GetBytes(path));
            if (code != MDBResultCode.Success)
            {
                return null;
            }

            return Html(value.AsSpan()).ToArray();
        }

        public override IEnumerable<(string Path, byte[] Html, string Hash)> ReadAll()
        {
            var all = new List<(string, byte[], string)>();
            using var transaction = _environment.BeginTransaction(TransactionBeginFlags.ReadOnly);
            using var cursor = transaction.CreateCursor(_database);
            while (cursor.Next() is (MDBResultCode.Success, var key, var value))
            {
                var span = value.AsSpan();
                var hashLength = BinaryPrimitives.ReadInt32LittleEndian(span);
                all.Add((Encoding.UTF8.GetString(key.AsSpan()), Html(span).ToArray(), Encoding.ASCII.GetString(span.Slice(12, hashLength))));
            }

            return all;
        }

        public override void Dispose()
        {
            _database.Dispose();
            _environment.Dispose();
        }

        private static ReadOnlySpan<byte> Html(ReadOnlySpan<byte> value)
        {
            var skip = 12 + BinaryPrimitives.ReadInt32LittleEndian(value) + BinaryPrimitives.ReadInt32LittleEndian(value[4..]) + BinaryPrimitives.ReadInt32LittleEndian(value[8..]);
            return value[skip..];
        }
    }
}
