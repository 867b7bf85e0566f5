namespace IsrBuild.Diagnostics;

/// <summary>
/// Events of one kind that can come once per request (a store error, a full queue): the first after a quiet spell of
/// 10 s is logged, with how many went unlogged since the last, so a burst costs one line, not one per request.
/// </summary>
internal sealed class LogBurst
{
    private static readonly long QuietMilliseconds = (long)TimeSpan.FromSeconds(10).TotalMilliseconds;

    private long _lastLogged = long.MinValue;
    private long _unlogged;

    /// <summary>Whether this event is to be logged; if so, <paramref name="suppressed"/> is how many were not since the last.</summary>
    public bool Begins(out long suppressed)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogged);
        if ((last == long.MinValue || now - last >= QuietMilliseconds) && Interlocked.CompareExchange(ref _lastLogged, now, last) == last)
        {
            suppressed = Interlocked.Exchange(ref _unlogged, 0);
            return true;
        }

        Interlocked.Increment(ref _unlogged);
        suppressed = 0;
        return false;
    }
}
