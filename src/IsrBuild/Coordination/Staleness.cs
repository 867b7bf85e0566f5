namespace IsrBuild.Coordination;

/// <summary>
/// The one home of "is it still out of date? then regenerate". Two moments decide it, and each has one comparison:
/// an invalidation's time (a copy written at that instant or after is untouched), and the time of the copy a
/// request found stale (a copy written after it replaced it, whichever host wrote it).
/// </summary>
internal static class Staleness
{
    /// <summary>Whether an invalidation made at <paramref name="invalidatedAt"/> puts <paramref name="page"/> out of date.</summary>
    public static bool IsOutdatedBy(this StoredPage page, DateTimeOffset invalidatedAt) => page.GeneratedAt < invalidatedAt;

    /// <summary>
    /// Whether <paramref name="current"/>, the store's state now, is still the copy found stale, written at
    /// <paramref name="staleSince"/>: nothing newer replaced it meanwhile.
    /// </summary>
    public static bool IsStillStale(StoredPage? current, DateTimeOffset staleSince) => current is null || current.GeneratedAt <= staleSince;
}
