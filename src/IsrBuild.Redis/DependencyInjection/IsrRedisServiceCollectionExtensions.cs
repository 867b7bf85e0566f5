using IsrBuild.Coordination;
using IsrBuild.Redis;
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
        var local = services.LastOrDefault(d => d.ServiceType == typeof(IIsrPageStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Call builder.Services.AddIsr() before AddIsrRedis().");

        var options = services.AddOptions<RedisIsrOptions>().BindConfiguration(RedisIsrOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisIsrOptions>, RedisIsrOptionsValidator>());
        services.TryAddSingleton<RedisMetrics>();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisEpoch>();
        services.TryAddSingleton<RedisPagePropagation>();
        if (!services.Any(d => d.ServiceType == typeof(RedisPageStore)))
        {
            // The store AddIsr registered stays this host's own, under a key; the shared store wraps it.
            services.Remove(local);
            services.Add(AsKeyed(local, RedisPageStore.LocalStoreKey));
            services.AddSingleton<RedisPageStore>();
            services.AddSingleton<IIsrPageStore>(provider => provider.GetRequiredService<RedisPageStore>());

            // The invalidation log likewise: this host's own stays, under a key, and the shared one wraps it.
            var localLog = services.Last(d => d.ServiceType == typeof(IIsrInvalidationLog) && !d.IsKeyedService);
            services.Remove(localLog);
            services.Add(AsKeyed(localLog, RedisInvalidationLog.LocalLogKey));
            services.AddSingleton<RedisInvalidationLog>();
            services.AddSingleton<IIsrInvalidationLog>(provider => provider.GetRequiredService<RedisInvalidationLog>());
        }

        services.Replace(ServiceDescriptor.Singleton<IRegenerationLeases, RedisRegenerationLeases>());
        services.Replace(ServiceDescriptor.Singleton<IPagePropagation>(provider => provider.GetRequiredService<RedisPagePropagation>()));
        services.AddHostedService<RedisSynchronizer>();
        services.AddHostedService<RedisInvalidationSynchronizer>();
        return services;
    }

    private static ServiceDescriptor AsKeyed(ServiceDescriptor local, string key) => local switch
    {
        { ImplementationInstance: { } instance } => new ServiceDescriptor(local.ServiceType, key, instance),
        { ImplementationFactory: { } factory } => new ServiceDescriptor(local.ServiceType, key, (provider, _) => factory(provider), local.Lifetime),
        _ => new ServiceDescriptor(local.ServiceType, key, local.ImplementationType!, local.Lifetime),
    };
}
