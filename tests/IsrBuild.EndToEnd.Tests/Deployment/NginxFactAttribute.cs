namespace IsrBuild.EndToEnd.Tests.Deployment;

/// <summary>
/// A test that needs nginx. Without it the test is skipped with the install command, unless
/// <c>ISRBUILD_REQUIRE_NGINX=1</c> (set by .ci/run, which installs nginx) makes it run and fail.
/// </summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public const string Binary = "/usr/sbin/nginx";

    public NginxFactAttribute()
    {
        if (!File.Exists(Binary) && Environment.GetEnvironmentVariable("ISRBUILD_REQUIRE_NGINX") != "1")
        {
            Skip = "nginx is not installed (apt-get install nginx; .ci/run installs it)."; // a dev machine may lack nginx; CI requires it
        }
    }
}
