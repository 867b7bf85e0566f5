using System.Globalization;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>Redis stream entry ids (<c>milliseconds-sequence</c>), compared as Redis orders them.</summary>
internal static class StreamIds
{
    public static bool IsAfter(RedisValue id, RedisValue other) => Parse(id).CompareTo(Parse(other)) > 0;

    private static (long, long) Parse(RedisValue value)
    {
        var parts = value.ToString().Split('-');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
