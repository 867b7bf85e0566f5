using System.Diagnostics;

namespace IsrBuild.Testing;

/// <summary>
/// The one bounded wait of every test project, for what happens in the background or in another process: the
/// condition is polled until it holds, and the test fails, saying what it waited for, once <see cref="Limit"/> has
/// passed. One limit for all, generous enough for two busy cores, so no test tunes its own.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <param name="condition">Polled until it returns <see langword="true"/>.</param>
    /// <param name="because">What the test waits for ("every host serves the new page").</param>
    /// <param name="details">What to add to the failure (a process's output), read only when the wait fails.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, Func<string>? details = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Limit)
            {
                Assert.Fail($"Timed out after {Limit.TotalSeconds:0} s waiting until {because}.{(details is null ? string.Empty : "\n" + details())}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, string, Func{string}?)"/>
    public static Task TrueAsync(Func<bool> condition, string because, Func<string>? details = null) =>
        TrueAsync(() => Task.FromResult(condition()), because, details);
}
