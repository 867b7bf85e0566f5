using Microsoft.Extensions.Options;

namespace IsrBuild;

/// <summary>Checks <see cref="IsrOptions"/> at startup, so bad configuration stops the app before it takes traffic.</summary>
internal sealed class IsrOptionsValidator : IValidateOptions<IsrOptions>
{
    public ValidateOptionsResult Validate(string? name, IsrOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TemplateFolder))
        {
            failures.Add("Isr:TemplateFolder must name a folder.");
        }

        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            failures.Add("Isr:CacheDirectory must name a folder.");
        }

        if (options.MaxCacheDirectoryBytes is { } cacheBytes)
        {
            Range(failures, "MaxCacheDirectoryBytes", cacheBytes, 1L << 20, long.MaxValue);
        }

        Range(failures, "MemoryCacheBytes", options.MemoryCacheBytes, 1L << 20, long.MaxValue);
        Range(failures, "KeepBuilds", options.KeepBuilds, 1, 100);
        Range(failures, "MaxFirstRendersPerSecond", options.MaxFirstRendersPerSecond, 0, 1_000_000);
        if (options.MaxRegenerationsPerSecond is { } regenerationsPerSecond)
        {
            Range(failures, "MaxRegenerationsPerSecond", regenerationsPerSecond, 1, 1_000_000);
        }

        // A host, with a port if any, and nothing else: what a request's Host header holds.
        if (string.IsNullOrEmpty(options.RenderHost)
            || options.RenderHost.AsSpan().IndexOfAny("/?#@ ") >= 0
            || !Uri.TryCreate("https://" + options.RenderHost, UriKind.Absolute, out _))
        {
            failures.Add($"Isr:RenderHost must be a host name, such as example.com or localhost, not '{options.RenderHost}'.");
        }

        Range(failures, "ExpireSeconds", options.ExpireSeconds, 1, 31_536_000);
        Range(failures, "RegenerationTimeoutSeconds", options.RegenerationTimeoutSeconds, 1, 3600);
        Range(failures, "MaxConcurrentRegenerations", options.MaxConcurrentRegenerations, 0, 1024);
        Range(failures, "RegenerationQueueCapacity", options.RegenerationQueueCapacity, 1, 1_000_000);
        Range(failures, "NotFoundCacheSeconds", options.NotFoundCacheSeconds, 1, 86_400);
        Range(failures, "MaxRevalidateItems", options.MaxRevalidateItems, 1, 10_000);
        Range(failures, "MaxRevalidateNowPages", options.MaxRevalidateNowPages, 1, 1_000_000);
        Range(failures, "MaxConcurrentTagRegenerations", options.MaxConcurrentTagRegenerations, 0, 1024);
        Range(failures, "RevalidateFailuresPerMinute", options.RevalidateFailuresPerMinute, 1, 10_000);
        if (string.IsNullOrWhiteSpace(options.RevalidatePath) || !options.RevalidatePath.StartsWith('/'))
        {
            failures.Add($"Isr:RevalidatePath must be a path starting with '/', not '{options.RevalidatePath}'.");
        }

        if (options.CdnTagHeader is { } header && (header.Length == 0 || header.Any(c => c <= ' ' || c >= 127 || c == ':')))
        {
            failures.Add($"Isr:CdnTagHeader must be a header name (letters, digits, '-'), not '{header}'.");
        }

        Range(failures, "DraftModeSeconds", options.DraftModeSeconds, 60, 604_800);
        Range(failures, "EdgePurge:TimeoutMilliseconds", options.EdgePurge.TimeoutMilliseconds, 100, 60_000);
        foreach (var url in options.EdgePurge.Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(parsed.Query))
            {
                failures.Add($"Isr:EdgePurge:Urls must hold absolute http(s) URL prefixes without a query, such as http://127.0.0.1/_purge, not '{url}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.EdgePurge.Method) || options.EdgePurge.Method.Any(c => c <= ' ' || c >= 127))
        {
            failures.Add($"Isr:EdgePurge:Method must be an HTTP method such as PURGE, not '{options.EdgePurge.Method}'.");
        }
        ValidateLocales(failures, options);
        if (options.BasePath is { } basePath
            && (basePath.Length < 2 || !basePath.StartsWith('/') || basePath.EndsWith('/') || basePath.Contains("//", StringComparison.Ordinal)
                || basePath.Any(c => char.IsControl(c) || c is '?' or '#' or '\\' or '%')))
        {
            failures.Add($"Isr:BasePath must be a path such as /docs (a leading '/', no trailing '/', no query or escape), not '{basePath}'.");
        }

        if (options.CrawlerUserAgents.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Isr:CrawlerUserAgents must not hold an empty entry (it would match every visitor).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLocales(List<string> failures, IsrOptions options)
    {
        if (options.Locales.Count == 0)
        {
            if (options.DefaultLocale is not null)
            {
                failures.Add("Isr:DefaultLocale is set but Isr:Locales is empty; list the site's locales, the default one included.");
            }

            return;
        }

        foreach (var locale in options.Locales)
        {
            if (!IsLocaleName(locale))
            {
                failures.Add($"Isr:Locales holds '{locale}', which is not a locale name such as en, fr or de-CH.");
            }
        }

        if (options.Locales.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            failures.Add($"Isr:Locales lists '{twice.Key}' more than once.");
        }

        if (options.DefaultLocale is null || !options.Locales.Contains(options.DefaultLocale, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Isr:DefaultLocale must be one of Isr:Locales ({string.Join(", ", options.Locales)}), not '{options.DefaultLocale}'.");
        }
    }

    /// <summary>A BCP 47-like tag: a language of 2 to 8 letters, then subtags of 1 to 8 letters or digits.</summary>
    private static bool IsLocaleName(string? locale)
    {
        if (string.IsNullOrEmpty(locale))
        {
            return false;
        }

        var parts = locale.Split('-');
        return parts[0].Length is >= 2 and <= 8 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    private static void Range(List<string> failures, string name, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"Isr:{name} is {value}; it must be from {minimum} to {maximum}.");
        }
    }
}
