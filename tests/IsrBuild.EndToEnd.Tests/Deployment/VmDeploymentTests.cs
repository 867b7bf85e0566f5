using System.Net;
using System.Net.Http.Headers;
using IsrBuild.EndToEnd.Tests.Infrastructure;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// docs/deploy.md as a test: the published sample copied to a read-only app folder, its secret in
/// an environment file, writable cache and state folders elsewhere, run as an unprivileged user (when the test runs
/// as root) behind nginx configured with sample/deploy's site file.
/// </summary>
[Collection(PublishGroup.Name)]
public sealed class VmDeploymentTests(PublishedSample sample) : IDisposable
{
    private const int Nobody = 65534;
    private readonly TemporaryDirectory _directory = new();

    public void Dispose()
    {
        foreach (var directory in Directory.EnumerateDirectories(_directory.Path, "*", SearchOption.AllDirectories).Prepend(_directory.Path))
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _directory.Dispose();
    }

    [NginxFact]
    public async Task SampleBehindNginx_WithAReadOnlyAppFolder_ServesPages304sAndTheRevalidateRoute()
    {
        var app = _directory.Combine("srv", "app");
        var cache = _directory.Combine("var", "cache");
        var state = _directory.Combine("var", "lib");
        CopyDirectory(sample.PublishDirectory, app);
        Directory.CreateDirectory(cache);
        Directory.CreateDirectory(state);
        File.Copy(sample.DatabasePath, Path.Combine(state, "blog.db"));
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var environmentFile = _directory.Combine("isrbuild-sample.env");
        File.WriteAllText(environmentFile, $"Isr__RevalidateSecret={secret}\n");
        var appFilesBefore = Files(app);
        MakeReadOnly(app);
        OpenTo(_directory.Path, cache, state);

        var environment = ReadEnvironmentFile(environmentFile);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Isr__CacheDirectory"] = cache;
        environment["ConnectionStrings__Blog"] = $"Data Source={Path.Combine(state, "blog.db")}";
        environment["HOME"] = state;
        environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        var asRoot = Environment.UserName == "root";
        using var site = asRoot
            ? await SiteProcess.StartAsync(app, "setpriv", [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "dotnet", "IsrBuild.Sample.dll"], environment, clearEnvironment: true)
            : await SiteProcess.StartAsync(app, "dotnet", ["IsrBuild.Sample.dll"], environment, clearEnvironment: true);
        using var nginx = await NginxProcess.StartAsync(_directory.Combine("nginx"), Path.Combine(Repository.Root, "sample", "deploy", "nginx-isrbuild-sample.conf"), site.Address);
        using var client = new HttpClient { BaseAddress = nginx.Address };

        // Fresh for the host's interval: nginx keeps it and answers a conditional request itself. (A stale answer is
        // never kept, so through the recipe's cache a conditional request for a stale page gets a 200.)
        using var freshen = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?path=/posts/3");
        freshen.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(freshen)).StatusCode);
        var page = await client.GetAsync("/posts/3");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/posts/3");
        conditional.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        var notModified = await client.SendAsync(conditional);
        using var brotli = new HttpRequestMessage(HttpMethod.Get, "/posts/3");
        brotli.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        var compressed = await client.SendAsync(brotli);
        using var revalidate = new HttpRequestMessage(HttpMethod.Post, "/api/revalidate?path=/posts/3");
        revalidate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var revalidated = await client.SendAsync(revalidate);
        var after = await client.GetAsync("/posts/3");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Post 3</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(page.Headers.Contains(CacheHeader));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(page.Headers.ETag, notModified.Headers.ETag);
        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.True(revalidated.StatusCode == HttpStatusCode.OK, await revalidated.Content.ReadAsStringAsync() + site.Output);
        Assert.Equal("HIT", after.Headers.GetValues(CacheHeader).Single());
        Assert.True(RegeneratedStore.CountPages(cache) > 0, "the regenerated page is written in the cache folder");
        Assert.Equal(appFilesBefore, Files(app));
        Assert.DoesNotContain(secret, site.Output, StringComparison.Ordinal);
    }

    /// <summary>What systemd's EnvironmentFile= reads: NAME=value lines, # comments.</summary>
    private static Dictionary<string, string> ReadEnvironmentFile(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }

    /// <summary>Readable and traversable by everyone, writable by no one (root aside, which the app does not run as).</summary>
    private static void MakeReadOnly(string folder)
    {
        const UnixFileMode readOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode readOnlyDirectory = readOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, readOnlyFile);
        }

        foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Prepend(folder))
        {
            File.SetUnixFileMode(directory, readOnlyDirectory);
        }
    }

    /// <summary>Lets the unprivileged user reach the test folder and write the service's own folders.</summary>
    private static void OpenTo(string root, params string[] writable)
    {
        const UnixFileMode traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(root, traversable);
        foreach (var directory in new[] { Path.Combine(root, "srv"), Path.Combine(root, "var") })
        {
            File.SetUnixFileMode(directory, traversable);
        }

        foreach (var directory in writable)
        {
            File.SetUnixFileMode(directory, traversable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            }
        }
    }
}
