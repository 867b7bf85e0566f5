using IsrBuild.Testing;

namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>A test that needs nginx; <c>ISRBUILD_REQUIRE_NGINX=1</c> makes it run where it would be skipped.</summary>
public sealed class NginxFactAttribute() : ProgramFactAttribute(Binary, "ISRBUILD_REQUIRE_NGINX", "nginx")
{
    public const string Binary = "/usr/sbin/nginx";
}
