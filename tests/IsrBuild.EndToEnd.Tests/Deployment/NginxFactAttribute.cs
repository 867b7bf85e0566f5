using IsrBuild.Testing;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// A test that needs nginx with the cache purge module (the recipe's site file uses it);
/// <c>ISRBUILD_REQUIRE_NGINX=1</c> makes it run where it would be skipped.
/// </summary>
public sealed class NginxFactAttribute() : ProgramFactAttribute(NginxProcess.PurgeModule, "ISRBUILD_REQUIRE_NGINX", "nginx libnginx-mod-http-cache-purge")
{
    public const string Binary = "/usr/sbin/nginx";
}
