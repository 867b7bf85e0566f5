using Microsoft.Data.Sqlite;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>The host's store of regenerated pages (<c>&lt;cache&gt;/&lt;build id&gt;/pages.db</c>), read as the command in docs/how-it-works.md reads it.</summary>
internal static class RegeneratedStore
{
    /// <summary>How many paths the stores under <paramref name="cacheDirectory"/> hold; 0 before the host wrote any.</summary>
    public static int CountPages(string cacheDirectory)
    {
        if (!Directory.Exists(cacheDirectory))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(cacheDirectory, "pages.db", SearchOption.AllDirectories))
        {
            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM pages";
            count += Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return count;
    }
}
