using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// nginx with a prefix of its own, serving one site file on a free loopback port in the foreground. Disposing
/// kills it and its workers.
/// </summary>
internal sealed class NginxProcess : IDisposable
{
    private readonly Process _process;

    private NginxProcess(Process process, Uri address, Uri purgeAddress)
    {
        _process = process;
        Address = address;
        PurgeAddress = purgeAddress;
    }

    /// <summary>The site's listener, as visitors (and a tunnel or proxy on the machine) reach it.</summary>
    public Uri Address { get; }

    /// <summary>The recipe's purge listener (its <c>127.0.0.1:8081</c>), which only the host uses.</summary>
    public Uri PurgeAddress { get; }

    /// <summary>The cache purge module Debian's libnginx-mod-http-cache-purge installs.</summary>
    public const string PurgeModule = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so";

    /// <summary>A free loopback port, for a host that must know where its nginx will listen before nginx starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts nginx with <paramref name="siteFile"/> (its server block moved to <paramref name="port"/> or a free port,
    /// its purge listener to <paramref name="purgePort"/> or a free port, pointed at <paramref name="upstream"/>, its
    /// cache folder moved under <paramref name="prefix"/>), loading the cache purge module when the site uses it;
    /// <paramref name="rewrite"/> makes any other change the test needs (the hosts' addresses of a recipe for several).
    /// </summary>
    public static async Task<NginxProcess> StartAsync(string prefix, string siteFile, Uri upstream, int? port = null, int? purgePort = null, Func<string, string>? rewrite = null)
    {
        var listenPort = port ?? FreePort();
        var purgeListenPort = purgePort ?? FreePort();
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        Directory.CreateDirectory(Path.Combine(prefix, "cache"));
        var site = File.ReadAllText(siteFile)
            .Replace("listen 80;", $"listen 127.0.0.1:{listenPort};", StringComparison.Ordinal)
            .Replace("listen 127.0.0.1:8081;", $"listen 127.0.0.1:{purgeListenPort};", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:5000", upstream.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5000;", $"server {upstream.Authority};", StringComparison.Ordinal)
            .Replace("/var/cache/nginx/", Path.Combine(prefix, "cache") + "/", StringComparison.Ordinal);
        site = rewrite?.Invoke(site) ?? site;
        var modules = site.Contains("proxy_cache_purge", StringComparison.Ordinal) ? $"load_module {PurgeModule};" : string.Empty;
        File.WriteAllText(Path.Combine(prefix, "site.conf"), site);
        File.WriteAllText(Path.Combine(prefix, "nginx.conf"), $$"""
            {{modules}}
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/temp/body;
                proxy_temp_path {{prefix}}/temp/proxy;
                fastcgi_temp_path {{prefix}}/temp/fastcgi;
                uwsgi_temp_path {{prefix}}/temp/uwsgi;
                scgi_temp_path {{prefix}}/temp/scgi;
                include {{prefix}}/site.conf;
            }
            """);

        var start = new ProcessStartInfo(NginxFactAttribute.Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var nginx = new NginxProcess(process, new Uri($"http://127.0.0.1:{listenPort}"), new Uri($"http://127.0.0.1:{purgeListenPort}"));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, listenPort);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        var log = File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : string.Empty;
        nginx.Dispose();
        throw new InvalidOperationException($"nginx did not start on port {listenPort}.\n{log}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
