using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Manifest;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Store;

/// <summary>
/// What publish wrote into the app's <c>isr</c> folder, opened read-only: the route table, and per path its page
/// (bodies read on demand from <c>isr-pages.db</c>), redirect or not-found. Nothing per page is held in memory, so
/// a million pages cost the host nothing until they are asked for.
/// </summary>
/// <remarks>
/// A store that is missing, of another build or damaged is not served from: the host falls back to the manifest
/// (the route table and the list of paths) and renders each listed page on its first request.
/// </remarks>
internal sealed class PublishedPages(PublishedBuild build, PublishedFallbacks fallbacks, ILogger<PublishedPages> logger) : IDisposable
{
    private const string SelectMetadata = "SELECT kind FROM pages WHERE path = $path";

    private SqliteReaderPool? _pool;
    private ManifestIndex? _fallbackIndex;
    private volatile bool _damaged;

    public string ManifestPath => Path.Combine(build.Folder, IsrManifest.FileName);

    public string StorePath => Path.Combine(build.Folder, PageDatabase.PublishedFileName);

    public string BuildId => build.BuildId;

    /// <summary>The folder the host's ISR files are relative to (<see cref="PublishedBuild.Root"/>).</summary>
    public string Root => build.Root;

    /// <summary>The locales publish generated for, as the store records them; <see langword="null"/> when it does not.</summary>
    public string? PublishedLocales { get; private set; }

    /// <exception cref="IsrManifestException">The manifest exists but is malformed, and no whole store stands in for it.</exception>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ManifestPath))
        {
            logger.ManifestMissing(ManifestPath);
            return;
        }

        var head = await ManifestReader.ReadHeadAsync(ManifestPath, cancellationToken);
        if (TryOpenStore(head.BuildId, out var reason))
        {
            build.Set(head.BuildId);
            logger.ManifestLoaded(ManifestPath, StorePath, BuildId);
            return;
        }

        // The store cannot be trusted; the manifest still says which paths and routes publish produced.
        logger.PublishedStoreUnusable(StorePath, reason);
        _fallbackIndex = await ManifestReader.ReadAsync(ManifestPath, cancellationToken);
        fallbacks.Load(_fallbackIndex.Fallbacks, WasListed);
        build.Set(_fallbackIndex.BuildId);
    }

    /// <summary>
    /// The path's published state with the bytes of <paramref name="encoding"/> (for a page), or
    /// <see langword="null"/> when publish wrote nothing for it or its bytes cannot be read.
    /// </summary>
    public StoredPage? Get(string path, PageEncoding encoding, out byte[]? body)
    {
        body = null;
        if (_pool is null || _damaged)
        {
            return null;
        }

        var (page, bytes) = Guarded(path, (null as StoredPage, null as byte[]), () => PageQueries.WithBody(_pool, path, encoding, PageSource.Published));
        body = bytes;
        return page is { Kind: StoredPageKind.Page } && bytes is null ? null : page;
    }

    /// <summary>The path's published state without its bodies, or <see langword="null"/> when publish wrote nothing for it.</summary>
    public StoredPage? Metadata(string path)
    {
        if (_pool is null || _damaged)
        {
            return null;
        }

        return Guarded(path, null, () => PageQueries.Metadata(_pool, path, PageSource.Published));
    }

    /// <summary>
    /// The bytes of <paramref name="encoding"/> of a published page (only if they hash to <paramref name="hash"/>,
    /// when given), or <see langword="null"/>.
    /// </summary>
    public byte[]? GetBody(string path, PageEncoding encoding, string? hash = null)
    {
        if (_pool is null || _damaged)
        {
            return null;
        }

        return Guarded(path, null, () => PageQueries.Body(_pool, path, encoding, hash));
    }

    /// <summary>
    /// Whether publish wrote anything for the path (a page, a redirect or a not-found), which a later state must then
    /// hide, or the published one would come back after a restart.
    /// </summary>
    public bool HasEntry(string path)
    {
        if (_fallbackIndex is not null)
        {
            return _fallbackIndex.Paths.Contains(path) || _fallbackIndex.NotFound.Contains(path);
        }

        return _pool is not null && Guarded(path, false, () => _pool.Read(SelectMetadata, command =>
        {
            command.Parameters[0].Value = path;
            using var reader = command.ExecuteReader();
            return reader.Read();
        }));
    }

    /// <summary>
    /// Whether publish may have listed the path although its store cannot be read: such a path is rendered on its
    /// first request even under a <c>false</c> fallback. A store found damaged while serving gives every path that chance.
    /// </summary>
    private bool WasListed(string path) =>
        _damaged || (_fallbackIndex is not null && (_fallbackIndex.Paths.Contains(path) || _fallbackIndex.NotFound.Contains(path)));

    /// <summary>The published paths carrying <paramref name="tag"/>: an index look-up, proportional to the answer.</summary>
    public IReadOnlyList<string> PathsWithTag(string tag)
    {
        if (_pool is null || _damaged)
        {
            return [];
        }

        return Guarded(tag, [], () => PageQueries.PathsWithTag(_pool, tag));
    }

    /// <summary>The published paths at <paramref name="prefix"/> or below it: a key range, proportional to the answer.</summary>
    public IReadOnlyList<string> PathsUnder(string prefix)
    {
        if (_pool is null || _damaged)
        {
            return [];
        }

        return Guarded(prefix, [], () => PageQueries.PathsUnder(_pool, prefix));
    }

    public void Dispose() => _pool?.Dispose();

    private bool TryOpenStore(string buildId, out string reason)
    {
        if (!File.Exists(StorePath))
        {
            reason = "the file is missing";
            return false;
        }

        try
        {
            // Published once and never written again: immutable, so SQLite takes no locks and needs no journal, and
            // the app folder can stay read-only.
            var connectionString = PageDatabase.ConnectionString(new Uri(StorePath).AbsoluteUri + "?immutable=1", SqliteOpenMode.ReadOnly);
            var pool = new SqliteReaderPool(connectionString);
            var check = pool.Read("SELECT value FROM meta WHERE key = $path", command =>
            {
                var connection = command.Connection!;
                var version = Convert.ToInt32(PageDatabase.Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
                var pageCount = Convert.ToInt64(PageDatabase.Scalar(connection, "PRAGMA page_count"), System.Globalization.CultureInfo.InvariantCulture);
                var pageSize = Convert.ToInt64(PageDatabase.Scalar(connection, "PRAGMA page_size"), System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters[0].Value = PageDatabase.BuildIdKey;
                var storeBuild = command.ExecuteScalar() as string;
                command.Parameters[0].Value = PageDatabase.LocalesKey;
                var locales = command.ExecuteScalar() as string;
                var routes = new Dictionary<string, FallbackMode>(StringComparer.Ordinal);
                using var routeCommand = connection.CreateCommand();
                routeCommand.CommandText = "SELECT template, fallback FROM routes";
                using (var reader = routeCommand.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        routes[reader.GetString(0)] = (FallbackMode)reader.GetInt32(1);
                    }
                }

                return (version, length: pageCount * pageSize, storeBuild, routes, locales);
            });

            reason = check.version != PageDatabase.SchemaVersion ? $"its schema version is {check.version}, not {PageDatabase.SchemaVersion}"
                : check.length != new FileInfo(StorePath).Length ? "its length does not match its pages (a partial copy?)"
                : check.storeBuild != buildId ? $"it belongs to build {check.storeBuild}, the manifest to {buildId}"
                : string.Empty;
            if (reason.Length > 0)
            {
                pool.Dispose();
                return false;
            }

            _pool = pool;
            fallbacks.Load(check.routes, WasListed);
            PublishedLocales = check.locales;
            return true;
        }
        catch (SqliteException exception)
        {
            reason = exception.Message;
            return false;
        }
    }

    /// <summary>
    /// Runs a read; a store found damaged on the way stops being read from (its pages render on demand instead), and
    /// the damage is logged once.
    /// </summary>
    private T Guarded<T>(string key, T whenDamaged, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException exception)
        {
            if (!_damaged)
            {
                _damaged = true;
                logger.PublishedStoreDamaged(StorePath, key, exception);
            }

            return whenDamaged;
        }
    }
}
