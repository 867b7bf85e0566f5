using IsrBuild.Coordination;

namespace IsrBuild.Http;

/// <summary>The page representations a request accepts, read from <c>Accept-Encoding</c> without allocating.</summary>
internal static class AcceptEncoding
{
    public static PageEncoding Choose(ReadOnlySpan<char> header)
    {
        var brotli = false;
        var gzip = false;
        foreach (var range in header.Split(','))
        {
            var token = header[range].Trim();
            var semicolon = token.IndexOf(';');
            var name = (semicolon < 0 ? token : token[..semicolon]).Trim();
            if (semicolon >= 0 && IsZeroQuality(token[(semicolon + 1)..]))
            {
                continue;
            }

            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                brotli = true;
            }
            else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = true;
            }
            else if (name.SequenceEqual("*"))
            {
                brotli = true;
            }
        }

        return brotli ? PageEncoding.Brotli : gzip ? PageEncoding.Gzip : PageEncoding.Identity;
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        var q = parameters.Trim();
        if (!q.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var value = q[2..].Trim();
        return double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var quality) && quality <= 0;
    }
}
