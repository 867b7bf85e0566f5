using System.Globalization;

namespace IsrBuild;

/// <summary>
/// How long a generated page stays fresh: a whole number of seconds, or never (regenerated only on demand).
/// The default value is <see cref="Never"/>, as an omitted <c>revalidate</c> is in Next.js.
/// </summary>
public readonly record struct Revalidate
{
    private Revalidate(int seconds) => Seconds = seconds;

    /// <summary>The page is regenerated only when revalidated on demand.</summary>
    public static Revalidate Never => default;

    /// <summary>The interval in whole seconds, or <see langword="null"/> for <see cref="Never"/>.</summary>
    public int? Seconds { get; }

    /// <summary>Whether the page is regenerated only on demand.</summary>
    public bool IsNever => Seconds is null;

    /// <summary>The interval as a <see cref="TimeSpan"/>, or <see langword="null"/> for <see cref="Never"/>.</summary>
    public TimeSpan? Interval => Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Regenerate in the background once the page is older than <paramref name="seconds"/>.</summary>
    /// <param name="seconds">A positive number of seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is zero or negative.</exception>
    public static Revalidate AfterSeconds(int seconds)
    {
        if (seconds < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(seconds),
                seconds,
                "A revalidate interval must be a positive number of seconds; use Revalidate.Never for a page that is regenerated only on demand.");
        }

        return new Revalidate(seconds);
    }

    /// <summary>Regenerate in the background once the page is older than <paramref name="interval"/>.</summary>
    /// <param name="interval">A positive whole number of seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not a positive whole number of seconds.</exception>
    public static Revalidate After(TimeSpan interval)
    {
        if (interval.Ticks % TimeSpan.TicksPerSecond != 0 || interval.TotalSeconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(interval),
                interval,
                "A revalidate interval must be a whole number of seconds (as in Next.js).");
        }

        return AfterSeconds((int)interval.TotalSeconds);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Seconds is { } seconds ? seconds.ToString(CultureInfo.InvariantCulture) + "s" : "never";
}
