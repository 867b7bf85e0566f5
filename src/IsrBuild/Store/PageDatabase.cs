using IsrBuild.Coordination;
using Microsoft.Data.Sqlite;

namespace IsrBuild.Store;

/// <summary>
/// The SQLite schema both page stores share: the published store publish writes (<c>isr/isr-pages.db</c>, opened
/// read-only by the host) and the writable store of pages regenerated since (in <see cref="IsrOptions.CacheDirectory"/>).
/// One file however many pages; a row is written in one transaction, so a crash never leaves a torn page.
/// </summary>
/// <remarks>
/// SQLite was chosen over LMDB by measurement (bench/RESULTS.md): LMDB reads faster but maps the whole store into
/// the host's memory (RSS grows with the pages read), and the LightningDB package's native library needs a newer
/// glibc than Debian 12 has. The bodies come last in a row, smallest first, so a read of metadata never touches
/// them.
/// </remarks>
internal static class PageDatabase
{
    /// <summary>The published store's file, beside the manifest.</summary>
    public const string PublishedFileName = "isr-pages.db";

    /// <summary>The writable store's file, in its build's folder of the cache directory.</summary>
    public const string RegeneratedFileName = "pages.db";

    /// <summary>The schema's version, kept in <c>PRAGMA user_version</c>: a store of another version is not read.</summary>
    public const int SchemaVersion = 2;

    /// <summary>
    /// SQLite's default page. Measured against 16 KiB and 64 KiB pages (bench/RESULTS.md): reads of a 9.7 KB post
    /// cost the same, and 16 KiB pages made the store 80 % larger.
    /// </summary>
    public const int PageSize = 4_096;

    public const string Schema =
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS routes (
            template TEXT PRIMARY KEY,
            page TEXT NOT NULL,
            template_file TEXT NOT NULL,
            fallback INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS pages (
            path TEXT PRIMARY KEY,
            route TEXT NOT NULL,
            kind INTEGER NOT NULL,
            generated_at INTEGER NOT NULL,
            revalidate INTEGER,
            status INTEGER NOT NULL DEFAULT 0,
            destination TEXT,
            tags TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0,
            fence INTEGER NOT NULL DEFAULT 0,
            html_hash TEXT,
            br_hash TEXT,
            gz_hash TEXT,
            br BLOB,
            gz BLOB,
            html BLOB);
        CREATE TABLE IF NOT EXISTS tags (tag TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (tag, path)) WITHOUT ROWID;
        """;

    /// <summary>The columns every read of a row's metadata selects, in this order (see <see cref="ReadMetadata"/>).</summary>
    public const string MetadataColumns = "route, kind, generated_at, revalidate, status, destination, tags, html_hash, br_hash, gz_hash, fence";

    public const string BuildIdKey = "buildId";

    public const string GeneratedAtKey = "generatedAt";

    /// <summary>The compression settings the store's encodings were made with (<c>PageEncoder.Settings</c>).</summary>
    public const string EncoderKey = "encoder";

    /// <summary>The locales publish generated for (<see cref="Localization.PageLocales.Signature"/>).</summary>
    public const string LocalesKey = "locales";

    /// <summary>Deletes a damaged SQLite file with its journal, WAL and shared-memory files, after closing every pooled connection.</summary>
    public static void DeleteDamaged(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(file + suffix);
        }
    }

    /// <summary>
    /// Opens <paramref name="file"/> for writing (creating it), runs <paramref name="setup"/> (pragmas, schema), and
    /// checks it is whole (<c>quick_check</c>).
    /// </summary>
    /// <exception cref="SqliteException">The file is damaged, or not a database.</exception>
    public static SqliteConnection OpenChecked(string file, string setup)
    {
        var connection = new SqliteConnection(ConnectionString(file, SqliteOpenMode.ReadWriteCreate));
        try
        {
            connection.Open();
            Execute(connection, setup);
            if (Scalar(connection, "PRAGMA quick_check") as string is not "ok" and var check)
            {
                throw new SqliteException($"quick_check: {check}", 11);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="open"/> on <paramref name="file"/>; a file found damaged is reported to <paramref name="damaged"/>,
    /// deleted and started afresh: what it held is lost, and the host keeps working.
    /// </summary>
    public static T OpenOrStartAfresh<T>(string file, Func<T> open, Action<SqliteException> damaged)
    {
        try
        {
            return open();
        }
        catch (SqliteException exception)
        {
            damaged(exception);
            DeleteDamaged(file);
            return open();
        }
    }

    public static string ConnectionString(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The metadata of the row <paramref name="reader"/> is on, its columns from <paramref name="first"/> on.</summary>
    public static StoredPage ReadMetadata(SqliteDataReader reader, string path, int first, PageSource source) => new()
    {
        Path = path,
        Source = source,
        Route = reader.GetString(first),
        Kind = (StoredPageKind)reader.GetInt32(first + 1),
        GeneratedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first + 2)),
        Revalidate = reader.IsDBNull(first + 3) ? null : reader.GetInt32(first + 3),
        RedirectStatus = reader.GetInt32(first + 4),
        RedirectDestination = reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        Tags = SplitTags(reader.GetString(first + 6)),
        HtmlHash = reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
        BrotliHash = reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8),
        GzipHash = reader.IsDBNull(first + 9) ? null : reader.GetString(first + 9),
        Fence = reader.GetInt64(first + 10),
    };

    /// <summary>
    /// Adds every column of <paramref name="page"/> as a parameter of an insert into <c>pages</c>. A page without
    /// <paramref name="body"/> keeps its hashes: its bytes are the published ones (a refresh of a published page).
    /// </summary>
    public static void Bind(SqliteCommand command, StoredPage page, EncodedPage? body)
    {
        var parameters = command.Parameters;
        parameters.Clear();
        parameters.AddWithValue("$path", page.Path);
        parameters.AddWithValue("$route", page.Route);
        parameters.AddWithValue("$kind", (int)page.Kind);
        parameters.AddWithValue("$generated_at", page.GeneratedAt.ToUnixTimeMilliseconds());
        parameters.AddWithValue("$revalidate", (object?)page.Revalidate ?? DBNull.Value);
        parameters.AddWithValue("$status", page.RedirectStatus);
        parameters.AddWithValue("$destination", (object?)page.RedirectDestination ?? DBNull.Value);
        parameters.AddWithValue("$tags", string.Join(StoredPage.TagSeparator, page.Tags));
        parameters.AddWithValue("$size", DiskSize(body));
        parameters.AddWithValue("$fence", page.Fence);
        parameters.AddWithValue("$html_hash", (object?)page.HtmlHash ?? DBNull.Value);
        parameters.AddWithValue("$br_hash", (object?)page.BrotliHash ?? DBNull.Value);
        parameters.AddWithValue("$gz_hash", (object?)page.GzipHash ?? DBNull.Value);
        parameters.AddWithValue("$br", (object?)body?.Brotli.Content ?? DBNull.Value);
        parameters.AddWithValue("$gz", (object?)body?.Gzip.Content ?? DBNull.Value);
        parameters.AddWithValue("$html", (object?)body?.Html.Content ?? DBNull.Value);
    }

    public const string InsertPage =
        """
        INSERT OR REPLACE INTO pages (path, route, kind, generated_at, revalidate, status, destination, tags, size, fence, html_hash, br_hash, gz_hash, br, gz, html)
        VALUES ($path, $route, $kind, $generated_at, $revalidate, $status, $destination, $tags, $size, $fence, $html_hash, $br_hash, $gz_hash, $br, $gz, $html)
        """;

    /// <summary>
    /// The bytes a row takes in the file, roughly: its bodies and metadata rounded up to whole database pages (a
    /// large row fills overflow pages), so a byte cap on rows holds for the file too.
    /// </summary>
    public static long DiskSize(EncodedPage? body)
    {
        var payload = (body?.Size ?? 0) + 512;
        return (payload + PageSize - 5) / (PageSize - 4) * PageSize;
    }

    public static IReadOnlyList<string> SplitTags(string joined) =>
        joined.Length == 0 ? [] : joined.Split(StoredPage.TagSeparator);
}
