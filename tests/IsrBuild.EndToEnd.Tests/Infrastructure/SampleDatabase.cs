using Microsoft.Data.Sqlite;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>The sample's SQLite database, edited as a CMS would while a site serves it.</summary>
internal static class SampleDatabase
{
    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task SetTitleAsync(string database, int id, string title)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE posts SET title = $title WHERE id = $id";
        command.Parameters.AddWithValue("$title", title);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync();
    }
}
