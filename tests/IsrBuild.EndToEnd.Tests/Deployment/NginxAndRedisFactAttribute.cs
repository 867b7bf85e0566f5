
namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>A test that needs both nginx with the purge module and redis-server: skipped, or required, as each of them is.</summary>
public sealed class NginxAndRedisFactAttribute : FactAttribute
{
    public NginxAndRedisFactAttribute() => Skip = new NginxFactAttribute().Skip ?? new RedisFactAttribute().Skip;
}
