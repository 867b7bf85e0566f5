using System.Globalization;
using System.Text;

namespace IsrBuild.Bench.EndpointSite;

/// <summary>A post of about the sample's size (10 KB), the same for every way the site serves it.</summary>
public static class BenchHtml
{
    private static readonly string Body = string.Concat(Enumerable.Repeat("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>\n", 80));

    public static string Of(long id) =>
        new StringBuilder("<!DOCTYPE html><html><head><title>Post ")
            .Append(id.ToString(CultureInfo.InvariantCulture))
            .Append("</title></head><body><h1>Post ")
            .Append(id.ToString(CultureInfo.InvariantCulture))
            .Append("</h1>\n")
            .Append(Body)
            .Append("</body></html>")
            .ToString();
}
