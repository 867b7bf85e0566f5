using IsrBuild.Coordination;

namespace IsrBuild.Store;

/// <summary>The reads both page stores make, each one prepared statement on a pooled connection.</summary>
internal static class PageQueries
{
    private static readonly string[] SelectWithBody =
    [
        "SELECT " + PageDatabase.MetadataColumns + ", html FROM pages WHERE path = $path",
        "SELECT " + PageDatabase.MetadataColumns + ", br FROM pages WHERE path = $path",
        "SELECT " + PageDatabase.MetadataColumns + ", gz FROM pages WHERE path = $path",
    ];

    private static readonly string[] SelectBody =
    [
        "SELECT html_hash, html FROM pages WHERE path = $path",
        "SELECT br_hash, br FROM pages WHERE path = $path",
        "SELECT gz_hash, gz FROM pages WHERE path = $path",
    ];

    /// <summary>The path's row with the bytes of <paramref name="encoding"/>, or nulls when there is none.</summary>
    public static (StoredPage? Page, byte[]? Body) WithBody(SqliteReaderPool pool, string path, PageEncoding encoding, PageSource source) =>
        pool.Read(SelectWithBody[(int)encoding], command =>
        {
            command.Parameters[0].Value = path;
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? (PageDatabase.ReadMetadata(reader, path, 0, source), reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11))
                : (null as StoredPage, null as byte[]);
        });

    /// <summary>The path's row without its bodies, or <see langword="null"/> when there is none.</summary>
    public static StoredPage? Metadata(SqliteReaderPool pool, string path, PageSource source) =>
        pool.Read("SELECT " + PageDatabase.MetadataColumns + " FROM pages WHERE path = $path", command =>
        {
            command.Parameters[0].Value = path;
            using var reader = command.ExecuteReader();
            return reader.Read() ? PageDatabase.ReadMetadata(reader, path, 0, source) : null;
        });

    /// <summary>The bytes of <paramref name="encoding"/>, if the row holds the version hashed <paramref name="hash"/> (any, when null).</summary>
    public static byte[]? Body(SqliteReaderPool pool, string path, PageEncoding encoding, string? hash) =>
        pool.Read(SelectBody[(int)encoding], command =>
        {
            command.Parameters[0].Value = path;
            using var reader = command.ExecuteReader();
            return reader.Read() && !reader.IsDBNull(1) && (hash is null || reader.GetString(0) == hash) ? (byte[])reader.GetValue(1) : null;
        });

    /// <summary>The paths carrying <paramref name="tag"/>: an index look-up, proportional to the answer.</summary>
    public static IReadOnlyList<string> PathsWithTag(SqliteReaderPool pool, string tag) =>
        pool.Read("SELECT path FROM tags WHERE tag = $path", command =>
        {
            command.Parameters[0].Value = tag;
            using var reader = command.ExecuteReader();
            var paths = new List<string>();
            while (reader.Read())
            {
                paths.Add(reader.GetString(0));
            }

            return (IReadOnlyList<string>)paths;
        });

    /// <summary>
    /// The paths of every entry at <paramref name="prefix"/> or below it (<c>/posts</c>: <c>/posts</c> and
    /// <c>/posts/…</c>; <c>/</c>: all): a range of the primary key, proportional to the answer.
    /// </summary>
    public static IReadOnlyList<string> PathsUnder(SqliteReaderPool pool, string prefix) =>
        pool.Read("SELECT path FROM pages WHERE path = $path OR (path >= $path || '/' AND path < $path || '0')", command =>
        {
            // '0' follows '/' in every collation SQLite uses for text, so the range is exactly the paths below.
            command.Parameters[0].Value = prefix == "/" ? string.Empty : prefix;
            using var reader = command.ExecuteReader();
            var paths = new List<string>();
            while (reader.Read())
            {
                paths.Add(reader.GetString(0));
            }

            return (IReadOnlyList<string>)paths;
        });
}
