using System.Buffers;
using Microsoft.Extensions.Options;

namespace IsrBuild.Serving;

/// <summary>Tells crawlers from people by a case-insensitive substring match on <c>User-Agent</c>, as Next.js does.</summary>
internal sealed class CrawlerDetector(IOptions<IsrOptions> options)
{
    private readonly SearchValues<string> _crawlers = SearchValues.Create([.. options.Value.CrawlerUserAgents], StringComparison.OrdinalIgnoreCase);

    public bool IsCrawler(string? userAgent) => userAgent is { Length: > 0 } && userAgent.AsSpan().ContainsAny(_crawlers);
}
