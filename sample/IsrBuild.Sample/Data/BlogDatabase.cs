using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IsrBuild.Sample.Data;

/// <summary>
/// The blog's SQLite database (connection string <c>ConnectionStrings:Blog</c>, a relative file resolved against
/// the content root). A missing database is created and seeded with <see cref="BlogOptions.SeedPosts"/> posts.
/// </summary>
public sealed class BlogDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly int _seedPosts;
    private readonly SemaphoreSlim _ensureGate = new(1, 1);
    private volatile bool _ensured;

    public BlogDatabase(IConfiguration configuration, IHostEnvironment environment, IOptions<BlogOptions> options)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Blog") ?? "Data Source=blog.db");
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        _connectionString = builder.ToString();
        _seedPosts = options.Value.SeedPosts;
    }

    public void Dispose() => _ensureGate.Dispose();

    public async Task<IReadOnlyList<long>> GetPostIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM posts ORDER BY id";
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public async Task<IReadOnlyList<Post>> GetLatestPostsAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, '' FROM posts ORDER BY id DESC LIMIT $count";
        command.Parameters.AddWithValue("$count", count);
        var posts = new List<Post>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            posts.Add(new Post(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return posts;
    }

    public async Task<Post?> FindPostAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, body FROM posts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Post(reader.GetInt64(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ensured)
        {
            await EnsureCreatedAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _ensureGate.WaitAsync(cancellationToken);
        try
        {
            if (_ensured)
            {
                return;
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'posts'";
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await SeedAsync(connection, cancellationToken);
            }

            _ensured = true;
        }
        finally
        {
            _ensureGate.Release();
        }
    }

    private async Task SeedAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO posts (id, title, body) VALUES ($id, $title, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        for (var i = 1; i <= _seedPosts; i++)
        {
            id.Value = i;
            title.Value = $"Post {i}";
            body.Value = SeedBody(i);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// About 8 KB of text that differs from post to post (a fixed linear congruential sequence, so every database
    /// seeded with the same count holds the same posts), so pages weigh and compress as real posts do.
    /// </summary>
    private static string SeedBody(int id)
    {
        string[] words =
        [
            "static", "regeneration", "kestrel", "publish", "cache", "template", "stale", "fresh", "page", "revalidate",
            "sqlite", "razor", "manifest", "request", "visitor", "background", "render", "server", "header", "content",
            "deploy", "folder", "machine", "interval", "demand", "secret", "route", "build", "output", "memory",
        ];
        var state = (uint)id * 2_654_435_761u;
        var body = new StringBuilder(8_500);
        for (var paragraph = 0; paragraph < 12; paragraph++)
        {
            for (var word = 0; word < 100; word++)
            {
                state = state * 1_664_525u + 1_013_904_223u;
                body.Append(words[(state >> 16) % (uint)words.Length]).Append(word % 12 == 11 ? ". " : " ");
            }

            body.Append("\n\n");
        }

        return body.ToString().TrimEnd();
    }
}
