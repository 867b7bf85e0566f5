using System.Net;
using IsrBuild.EndToEnd.Tests.Infrastructure;
using IsrBuild.Redis.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace IsrBuild.EndToEnd.Tests.Hosting;

/// <summary>The published sample on two hosts (two processes) joined to one real redis-server by configuration alone.</summary>
[Collection(PublishGroup.Name)]
public sealed class SharedCacheSampleTests(PublishedSample sample) : IDisposable
{
    private const string Secret = "shared-cache-sample-secret-0123456789abcdef";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [RedisFact]
    public async Task SampleOnTwoHosts_WithIsrRedisConfiguration_RevalidationOnOneReachesTheOther()
    {
        using var redis = await RedisServer.StartAsync();
        var database = _directory.Combine("blog.db");
        File.Copy(sample.DatabasePath, database);
        using var first = await StartAsync("one", redis, database);
        using var second = await StartAsync("two", redis, database);
        Assert.Contains("<h1>Post 9</h1>", await second.Client.GetStringAsync("/posts/9"), StringComparison.Ordinal);

        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE posts SET title = 'Post 9, corrected everywhere' WHERE id = 9";
            await command.ExecuteNonQueryAsync();
        }

        using var revalidate = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?path=/posts/9");
        revalidate.Headers.Add("Authorization", $"Bearer {Secret}");
        var answer = await first.Client.SendAsync(revalidate);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync() + first.Output);

        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await second.Client.GetStringAsync("/posts/9")).Contains("<h1>Post 9, corrected everywhere</h1>", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The second host never served the page revalidated on the first.\n" + second.Output);
    }

    private Task<SiteProcess> StartAsync(string name, RedisServer redis, string database) =>
        SiteProcess.StartAsync(sample.PublishDirectory, "IsrBuild.Sample", new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={database}",
            ["Blog__RevalidateSeconds"] = "3600",
            ["Isr__CacheDirectory"] = _directory.Combine("cache-" + name),
            ["Isr__RevalidateSecret"] = Secret,
            ["Isr__Redis__Configuration"] = redis.Configuration,
        });
}
