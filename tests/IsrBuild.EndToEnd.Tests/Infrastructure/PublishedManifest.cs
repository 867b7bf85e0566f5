using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>A publish output's <c>isr/isr-manifest.json</c> and <c>isr/isr-pages.db</c>, read as a user's tools would read them.</summary>
internal sealed class PublishedManifest
{
    private PublishedManifest(string publishDirectory, JsonElement root)
    {
        PublishDirectory = publishDirectory;
        Root = root;
    }

    public string PublishDirectory { get; }

    public JsonElement Root { get; }

    public string StorePath => System.IO.Path.Combine(PublishDirectory, "isr", "isr-pages.db");

    public IReadOnlyList<string> PagePaths => [.. Root.GetProperty("pages").EnumerateObject().Select(p => p.Name)];

    public JsonElement Page(string path) => Root.GetProperty("pages").GetProperty(path);

    public string HtmlOf(string path) => System.Text.Encoding.UTF8.GetString(BodyOf(path, "html")!);

    /// <summary>One representation's bytes (<c>html</c>, <c>br</c> or <c>gz</c>) as the published store holds them.</summary>
    public byte[]? BodyOf(string path, string column)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM pages WHERE path = $path";
        command.Parameters.AddWithValue("$path", path);
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>A value of the published store's <c>meta</c> table (the build id, the locales...).</summary>
    public string? Meta(string key)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    public static PublishedManifest Read(string publishDirectory)
    {
        var path = System.IO.Path.Combine(publishDirectory, "isr", "isr-manifest.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new PublishedManifest(publishDirectory, document.RootElement.Clone());
    }
}
