using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IsrBuild.Serving;

/// <summary>
/// Paths of endpoint pages whose last render gave nothing to store (a cookie, another status), remembered for
/// <see cref="IsrOptions.NotFoundCacheSeconds"/>: their requests go straight to the app, as without IsrBuild, instead
/// of an isolated render that would be thrown away (two renders a request) and count against the first-render ceiling.
/// </summary>
internal sealed class NotStoredPaths(TimeProvider timeProvider, IOptions<IsrOptions> options)
{
    /// <summary>Past this many paths the table starts afresh: a flood of distinct paths must not grow it without bound.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private readonly TimeSpan _remembered = TimeSpan.FromSeconds(options.Value.NotFoundCacheSeconds);

    public bool Contains(string path)
    {
        if (!_until.TryGetValue(path, out var until))
        {
            return false;
        }

        if (until > timeProvider.GetUtcNow())
        {
            return true;
        }

        _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(path, until));
        return false;
    }

    public void Add(string path)
    {
        if (_until.Count >= Capacity)
        {
            _until.Clear();
        }

        _until[path] = timeProvider.GetUtcNow() + _remembered;
    }
}
