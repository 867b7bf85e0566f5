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

    private NginxProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts nginx with <paramref name="siteFile"/>'s server block, moved to a free port and pointed at <paramref name="upstream"/>.</summary>
    public static async Task<NginxProcess> StartAsync(string prefix, string siteFile, Uri upstream)
    {
        var port = FreePort();
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        var site = File.ReadAllText(siteFile)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:5000", upstream.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(prefix, "site.conf"), site);
        File.WriteAllText(Path.Combine(prefix, "nginx.conf"), $$"""
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
        var nginx = new NginxProcess(process, new Uri($"http://127.0.0.1:{port}"));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        var log = File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : string.Empty;
        nginx.Dispose();
        throw new InvalidOperationException($"nginx did not start on port {port}.\n{log}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
