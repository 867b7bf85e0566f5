using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// The deployment recipe as the tests run it: a host of the published sample (its database copied into the test's
/// folder) and the recipe's nginx in front of it, the host purging that nginx on its private purge listener.
/// </summary>
internal static class RecipeStack
{
    /// <summary>Lets nginx's workers, which run as an unprivileged user when the tests run as root, reach the folder.</summary>
    public static void OpenToNginx(TemporaryDirectory directory) =>
        File.SetUnixFileMode(
            directory.Path,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    /// <summary>Starts a host and its nginx; <paramref name="settings"/> override the host's environment.</summary>
    public static async Task<(SiteProcess Site, NginxProcess Nginx)> StartAsync(
        TemporaryDirectory directory,
        PublishedSample sample,
        string name,
        string secret,
        params (string Name, string Value)[] settings)
    {
        var database = directory.Combine("blog.db");
        if (!File.Exists(database))
        {
            File.Copy(sample.DatabasePath, database);
        }

        var port = NginxProcess.FreePort();
        var purgePort = NginxProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Blog"] = $"Data Source={database}",
            ["Blog__RevalidateSeconds"] = "300",
            ["Isr__CacheDirectory"] = directory.Combine("cache-" + name),
            ["Isr__RevalidateSecret"] = secret,
            ["Isr__EdgePurge__Urls__0"] = $"http://127.0.0.1:{purgePort}/_purge",
        };
        foreach (var (setting, value) in settings)
        {
            environment[setting] = value;
        }

        var site = await SiteProcess.StartAsync(sample.PublishDirectory, "IsrBuild.Sample", environment);
        try
        {
            var nginx = await NginxProcess.StartAsync(directory.Combine("nginx-" + name), Path.Combine(Repository.Root, "sample", "deploy", "nginx-isrbuild-sample.conf"), site.Address, port, purgePort);
            return (site, nginx);
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }
}
