using IsrBuild.Coordination;
using IsrBuild.Redis;
using IsrBuild.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers IsrBuild.Redis.</summary>
public static class IsrRedisServiceCollectionExtensions
{
    /// <summary>
    /// Makes this host one of several sharing an ISR cache on Redis: pages regenerated on any host are served by
    /// every host, a stale page is regenerated once across all of them, and revalidation reaches every host. Options
    /// bind from <c>Isr:Redis</c> (<see cref="RedisIsrOptions"/>), then <paramref name="configure"/>, and are
    /// validated at startup. Call after <c>AddIsr()</c>.
    /// </summary>
    public static IServiceCollection AddIsrRedis(this IServiceCollection services, Action<RedisIsrOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IIsrPageStore)))
        {
            throw new InvalidOperationException("Call builder.Services.AddIsr() before AddIsrRedis().");
        }

        var options = services.AddOptions<RedisIsrOptions>().BindConfiguration(RedisIsrOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisIsrOptions>, RedisIsrOptionsValidator>());
        services.TryAddSingleton<RedisMetrics>();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<LayeredPageStore>();
        services.TryAddSingleton<RedisPageStore>();
        services.Replace(ServiceDescriptor.Singleton<IIsrPageStore>(provider => provider.GetRequiredService<RedisPageStore>()));
        services.Replace(ServiceDescriptor.Singleton<IRegenerationLeases, RedisRegenerationLeases>());
        services.AddHostedService<RedisSynchronizer>();
        return services;
    }
}
