using System.Net;
using System.Net.Sockets;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>Clients of the recipe's listeners, as callers on other addresses reach them.</summary>
internal static class RecipeClients
{
    /// <summary>A client of <paramref name="address"/> whose connections come from <paramref name="localAddress"/> (a loopback address of its own).</summary>
    public static HttpClient From(Uri address, string? localAddress)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
        if (localAddress is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = address };
    }
}
