using IsrBuild.Coordination;
using IsrBuild.Diagnostics;
using IsrBuild.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsrBuild.Edge;

/// <summary>
/// Purges changed pages from the caches in front (<see cref="EdgePurgeOptions"/>): for each cache, each path, and
/// each representation, one request carrying the <c>Accept-Encoding</c> that selects it (none, <c>gzip</c>,
/// <c>br</c>), as the recipe's nginx keys its cache by path and normalised encoding. Each request is bounded by the
/// timeout; a failure is logged and reported, never thrown.
/// </summary>
internal sealed class EdgePurger(IHttpClientFactory clients, IOptions<IsrOptions> options, ILogger<EdgePurger> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> purges are sent with.</summary>
    public const string ClientName = "IsrBuild.EdgePurge";

    private static readonly (PageEncoding Encoding, string? AcceptEncoding)[] Representations =
        [(PageEncoding.Identity, null), (PageEncoding.Gzip, IsrHeaders.Gzip), (PageEncoding.Brotli, IsrHeaders.Brotli)];

    private readonly string[] _urls = [.. options.Value.EdgePurge.Urls.Select(url => url.TrimEnd('/'))];
    private readonly HttpMethod _method = new(options.Value.EdgePurge.Method);
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.EdgePurge.TimeoutMilliseconds);
    private readonly string _basePath = options.Value.BasePath ?? string.Empty;

    public bool IsEnabled => _urls.Length > 0;

    /// <summary>Purges every representation of <paramref name="paths"/> (page keys) at every cache; returns the paths some cache may still hold.</summary>
    public async Task<IReadOnlyList<string>> PurgeAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        if (!IsEnabled || paths.Count == 0)
        {
            return [];
        }

        var failed = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var requests = from path in paths from url in _urls from representation in Representations select (path, url, representation.AcceptEncoding);
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (request, token) =>
            {
                if (!await SendAsync(request.url, request.path, request.AcceptEncoding, token))
                {
                    failed.TryAdd(request.path, 0);
                }
            });
        return [.. failed.Keys.Order(StringComparer.Ordinal)];
    }

    private async Task<bool> SendAsync(string url, string path, string? acceptEncoding, CancellationToken cancellationToken)
    {
        var target = url + _basePath + UrlPathOf(path);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            using var request = new HttpRequestMessage(_method, target);
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }

            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

            // 404: the cache did not hold that representation, which is as good as purged.
            if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return true;
            }

            logger.EdgePurgeFailed(target, acceptEncoding ?? "identity", $"HTTP {(int)response.StatusCode}", null);
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.EdgePurgeFailed(target, acceptEncoding ?? "identity", exception.GetType().Name, exception);
            return false;
        }
    }

    /// <summary>A page key as a URL path: each segment escaped once (a key keeps <c>%2F</c> and <c>%25</c> inside a segment).</summary>
    private static string UrlPathOf(string key) =>
        key == "/" ? "/" : string.Concat(key.Split('/').Skip(1).Select(segment => "/" + Uri.EscapeDataString(Uri.UnescapeDataString(segment))));
}
