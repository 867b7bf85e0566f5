using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>Checks <see cref="RedisIsrOptions"/> at startup, so a bad value stops the host before it takes traffic.</summary>
internal sealed class RedisIsrOptionsValidator(IServiceProviderIsService services) : IValidateOptions<RedisIsrOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisIsrOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Configuration) && !services.IsService(typeof(IConnectionMultiplexer)))
        {
            failures.Add("Isr:Redis:Configuration must name the Redis server (for example 127.0.0.1:6379), or the app must register an IConnectionMultiplexer.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
        {
            failures.Add("Isr:Redis:KeyPrefix must be a non-empty prefix without spaces or braces.");
        }

        Range(failures, "LeaseSeconds", options.LeaseSeconds, 1, 3600);
        Range(failures, "TimeoutMilliseconds", options.TimeoutMilliseconds, 10, 10_000);
        Range(failures, "CatchUpSeconds", options.CatchUpSeconds, 1, 3600);
        Range(failures, "LogLength", options.LogLength, 100, 10_000_000);
        Range(failures, "EntryHours", options.EntryHours, 1, 365 * 24);
        Range(failures, "MaxEntryBytes", options.MaxEntryBytes, 1024, 512 << 20);
        Range(failures, "PropagationTimeoutMilliseconds", options.PropagationTimeoutMilliseconds, 0, 60_000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"Isr:Redis:{name} is {value}; it must be from {minimum} to {maximum}.");
        }
    }
}
