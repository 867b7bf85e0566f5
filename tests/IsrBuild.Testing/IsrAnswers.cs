namespace IsrBuild.Testing;

/// <summary>What an answer says about IsrBuild's cache, as a visitor (or a cache in front) reads it.</summary>
public static class IsrAnswers
{
    /// <summary>The header IsrBuild answers a page with: HIT, STALE, MISS, DRAFT or DEV.</summary>
    public const string CacheHeader = "X-Isr-Cache";

    /// <summary>The answer's cache state, or <c>(none)</c> when IsrBuild did not answer it.</summary>
    public static string CacheState(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues(CacheHeader, out var values) ? values.Single() : "(none)";
    }
}
