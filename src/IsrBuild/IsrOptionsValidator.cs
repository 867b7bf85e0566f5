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

        Range(failures, "MaxCacheDirectoryBytes", options.MaxCacheDirectoryBytes, 1L << 20, long.MaxValue);
        Range(failures, "MemoryCacheBytes", options.MemoryCacheBytes, 1L << 20, long.MaxValue);
        Range(failures, "KeepBuilds", options.KeepBuilds, 1, 100);
        Range(failures, "ExpireSeconds", options.ExpireSeconds, 1, 31_536_000);
        Range(failures, "RegenerationTimeoutSeconds", options.RegenerationTimeoutSeconds, 1, 3600);
        Range(failures, "MaxConcurrentRegenerations", options.MaxConcurrentRegenerations, 0, 1024);
        Range(failures, "RegenerationQueueCapacity", options.RegenerationQueueCapacity, 1, 1_000_000);
        Range(failures, "NotFoundCacheSeconds", options.NotFoundCacheSeconds, 1, 86_400);
        Range(failures, "MaxRevalidateItems", options.MaxRevalidateItems, 1, 10_000);
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

        if (options.CrawlerUserAgents.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Isr:CrawlerUserAgents must not hold an empty entry (it would match every visitor).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"Isr:{name} is {value}; it must be from {minimum} to {maximum}.");
        }
    }
}
