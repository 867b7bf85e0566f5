using IsrBuild.Coordination;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Store;
using Microsoft.Data.Sqlite;

namespace IsrBuild.Publishing;

/// <summary>
/// Writes what publish produced into the <c>isr</c> folder: <c>isr-pages.db</c> (every page with its three
/// representations, every redirect and not-found, the route table and the tag index) and then, from it,
/// <c>isr-manifest.json</c>. The store is built under a temporary name and renamed into place when whole, so an
/// interrupted publish never leaves a store that looks complete.
/// </summary>
internal sealed class PublishedStoreWriter : IDisposable
{
    private const int RowsPerTransaction = 512;

    private readonly string _folder;
    private readonly string _buildId;
    private readonly DateTimeOffset _generatedAt;
    private readonly string _temporary;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertPage;
    private readonly SqliteCommand _insertTag;
    private readonly Lock _gate = new();
    private readonly SqliteReaderPool? _previous;
    private SqliteTransaction? _transaction;
    private int _pending;
    private int _unchanged;

    /// <param name="folder">The <c>isr</c> folder.</param>
    /// <param name="buildId">The build's id, which the host's cache of regenerated pages is kept under.</param>
    /// <param name="generatedAt">The build's time, which every published page's interval counts from.</param>
    public PublishedStoreWriter(string folder, string buildId, DateTimeOffset generatedAt)
    {
        _folder = folder;
        _buildId = buildId;
        _generatedAt = generatedAt;
        Directory.CreateDirectory(folder);
        _temporary = Path.Combine(folder, PageDatabase.PublishedFileName + ".tmp");
        File.Delete(_temporary);
        _connection = new SqliteConnection(PageDatabase.ConnectionString(_temporary, SqliteOpenMode.ReadWriteCreate));
        _connection.Open();

        // A file being built is thrown away if publish stops, so it needs neither a journal nor syncs.
        PageDatabase.Execute(_connection, $"PRAGMA page_size = {PageDatabase.PageSize}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        PageDatabase.Execute(_connection, PageDatabase.Schema);
        _insertPage = _connection.CreateCommand();
        _insertPage.CommandText = PageDatabase.InsertPage;
        _insertTag = _connection.CreateCommand();
        _insertTag.CommandText = "INSERT OR IGNORE INTO tags (tag, path) VALUES ($tag, $path)";
        _previous = OpenPrevious(StorePath);
    }

    /// <summary>The locales the pages are generated for (<see cref="Localization.PageLocales.Signature"/>), kept for the host to check.</summary>
    public string? Locales { get; set; }

    /// <summary>How many pages came out as the previous run left them, their encodings reused.</summary>
    public int Unchanged => Volatile.Read(ref _unchanged);

    /// <summary>
    /// The previous run's encodings of <paramref name="path"/> when its HTML is byte for byte <paramref name="html"/>:
    /// a re-publish where little changed compresses only what changed.
    /// </summary>
    public EncodedPage? FindUnchanged(string path, byte[] html)
    {
        if (_previous is null)
        {
            return null;
        }

        var hash = PageEncoder.Hash(html);
        var found = _previous.Read("SELECT html_hash, br_hash, br, gz_hash, gz FROM pages WHERE path = $path", command =>
        {
            command.Parameters[0].Value = path;
            using var reader = command.ExecuteReader();
            return reader.Read() && !reader.IsDBNull(0) && reader.GetString(0) == hash
                ? new EncodedPage(
                    new PageRepresentation(html, hash),
                    new PageRepresentation((byte[])reader.GetValue(2), reader.GetString(1)),
                    new PageRepresentation((byte[])reader.GetValue(4), reader.GetString(3)))
                : null;
        });
        if (found is not null)
        {
            Interlocked.Increment(ref _unchanged);
        }

        return found;
    }

    public string StorePath => Path.Combine(_folder, PageDatabase.PublishedFileName);

    public string ManifestPath => Path.Combine(_folder, IsrManifest.FileName);

    public void AddRoute(string template, string pageType, string templateFile, FallbackMode fallback)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO routes (template, page, template_file, fallback) VALUES ($template, $page, $file, $fallback)";
            command.Parameters.AddWithValue("$template", template);
            command.Parameters.AddWithValue("$page", pageType);
            command.Parameters.AddWithValue("$file", templateFile);
            command.Parameters.AddWithValue("$fallback", (int)fallback);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records what generating <paramref name="path"/> produced.</summary>
    public void Add(string path, string route, GenerationResult result)
    {
        var page = result.ToStoredPage(path, route, _generatedAt);
        var body = (result as GenerationResult.Rendered)?.Page;
        lock (_gate)
        {
            _transaction ??= _connection.BeginTransaction();
            _insertPage.Transaction = _transaction;
            PageDatabase.Bind(_insertPage, page, body);
            _insertPage.ExecuteNonQuery();
            foreach (var tag in page.Tags)
            {
                _insertTag.Transaction = _transaction;
                _insertTag.Parameters.Clear();
                _insertTag.Parameters.AddWithValue("$tag", tag);
                _insertTag.Parameters.AddWithValue("$path", path);
                _insertTag.ExecuteNonQuery();
            }

            if (++_pending >= RowsPerTransaction)
            {
                Commit();
            }
        }
    }

    /// <summary>Seals the store, moves it into place, and writes the manifest from it.</summary>
    public ManifestCounts Complete()
    {
        lock (_gate)
        {
            Commit();
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $value)";
                command.Parameters.AddWithValue("$key", PageDatabase.BuildIdKey);
                command.Parameters.AddWithValue("$value", _buildId);
                command.ExecuteNonQuery();
                command.Parameters["$key"].Value = PageDatabase.GeneratedAtKey;
                command.Parameters["$value"].Value = _generatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                command.ExecuteNonQuery();
                command.Parameters["$key"].Value = PageDatabase.EncoderKey;
                command.Parameters["$value"].Value = PageEncoder.Settings;
                command.ExecuteNonQuery();
                if (Locales is not null)
                {
                    command.Parameters["$key"].Value = PageDatabase.LocalesKey;
                    command.Parameters["$value"].Value = Locales;
                    command.ExecuteNonQuery();
                }
            }

            PageDatabase.Execute(_connection, $"PRAGMA user_version = {PageDatabase.SchemaVersion}; PRAGMA journal_mode = DELETE;");
            var counts = ManifestWriter.Write(
                ManifestPath,
                _buildId,
                _generatedAt,
                ReadRoutes(),
                ReadEntries(StoredPageKind.Page),
                ReadEntries(StoredPageKind.Redirect),
                ReadEntries(StoredPageKind.NotFound));
            _insertPage.Dispose();
            _insertTag.Dispose();
            _connection.Dispose();
            _previous?.Dispose();
            File.Move(_temporary, StorePath, overwrite: true);
            return counts;
        }
    }

    private IEnumerable<ManifestRoute> ReadRoutes()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT template, page, template_file, fallback FROM routes ORDER BY template";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new ManifestRoute(reader.GetString(0), reader.GetString(1), reader.GetString(2), (FallbackMode)reader.GetInt32(3));
        }
    }

    /// <summary>The entries of one kind in path order; lengths come from the record header, not the bodies.</summary>
    private IEnumerable<ManifestEntry> ReadEntries(StoredPageKind kind)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT path, " + PageDatabase.MetadataColumns + ", length(html), length(br), length(gz) FROM pages WHERE kind = $kind ORDER BY path";
        command.Parameters.AddWithValue("$kind", (int)kind);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var path = reader.GetString(0);
            var page = PageDatabase.ReadMetadata(reader, path, 1, PageSource.Published);
            yield return new ManifestEntry(
                path,
                page.Route,
                page.Revalidate,
                page.Tags,
                page.HtmlHash is { } html ? new ManifestRepresentation(html, reader.GetInt64(12)) : null,
                page.BrotliHash is { } br ? new ManifestRepresentation(br, reader.GetInt64(13)) : null,
                page.GzipHash is { } gz ? new ManifestRepresentation(gz, reader.GetInt64(14)) : null,
                page.RedirectDestination,
                page.RedirectStatus);
        }
    }

    public void Dispose()
    {
        _previous?.Dispose();
        _transaction?.Dispose();
        _insertPage.Dispose();
        _insertTag.Dispose();
        _connection.Dispose();
        File.Delete(_temporary);
    }

    /// <summary>The previous run's store, when it is whole and its encodings were made with today's settings.</summary>
    private static SqliteReaderPool? OpenPrevious(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var pool = new SqliteReaderPool(PageDatabase.ConnectionString(path, SqliteOpenMode.ReadOnly));
        try
        {
            var usable = pool.Read("SELECT value FROM meta WHERE key = $path", command =>
            {
                command.Parameters[0].Value = PageDatabase.EncoderKey;
                return command.ExecuteScalar() as string == PageEncoder.Settings
                    && Convert.ToInt32(PageDatabase.Scalar(command.Connection!, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture) == PageDatabase.SchemaVersion;
            });
            if (usable)
            {
                return pool;
            }
        }
        catch (SqliteException)
        {
            // Damaged or of another shape: everything is encoded afresh.
        }

        pool.Dispose();
        return null;
    }

    private void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
        _pending = 0;
    }
}
