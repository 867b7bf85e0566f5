using Microsoft.Data.Sqlite;

namespace IsrBuild.Bench.Micro;

/// <summary>
/// For bench/host-scaling.sh: grows a published site's store to a given number of pages, each a copy of
/// <c>/posts/1</c> under a new path, so the host's startup and first responses are measured against a store of
/// that size (its bodies included) without prerendering a million posts.
/// </summary>
internal static class StoreSynthesizer
{
    public static void Run(string publishDirectory, int entries)
    {
        var store = Path.Combine(publishDirectory, "isr", "isr-pages.db");
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            WITH RECURSIVE ids(id) AS (SELECT (SELECT count(*) FROM pages) UNION ALL SELECT id + 1 FROM ids WHERE id < $entries)
            INSERT OR IGNORE INTO pages (path, route, kind, generated_at, revalidate, status, destination, tags, size, html_hash, br_hash, gz_hash, br, gz, html)
            SELECT '/posts/' || ids.id, p.route, p.kind, p.generated_at, p.revalidate, p.status, p.destination, p.tags, p.size, p.html_hash, p.br_hash, p.gz_hash, p.br, p.gz, p.html
            FROM ids, pages AS p WHERE p.path = '/posts/1';
            """;
        command.Parameters.AddWithValue("$entries", entries);
        command.ExecuteNonQuery();
        command.CommandText = "SELECT count(*) FROM pages";
        Console.WriteLine($"{command.ExecuteScalar()} entries");
    }
}
