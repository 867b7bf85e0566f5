using System.Diagnostics;
using System.Globalization;

namespace IsrBuild.Bench.Micro;

/// <summary>
/// The pass-through cost as a ratio this VM cannot blur: the app without IsrBuild and the app with IsrBuild and an
/// endpoint page, in one process, measured in alternating batches (the order swapped each round), so a neighbour's
/// load or a frequency change falls on both sides of each round's ratio. Prints the median ratio and its quartiles.
/// </summary>
internal static class PassThroughAlternation
{
    private const int BatchSize = 20_000;

    public static async Task RunAsync(int rounds)
    {
        await using var without = new PassThroughApp(Installed.WithoutIsrBuild);
        await using var with = new PassThroughApp(Installed.IsrBuildWithEndpointPage);
        for (var warmUp = 0; warmUp < 20; warmUp++)
        {
            await BatchAsync(without);
            await BatchAsync(with);
        }

        var ratios = new List<double>(rounds);
        var withoutTimes = new List<double>(rounds);
        var withTimes = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            double a, b;
            if (round % 2 == 0)
            {
                a = await BatchAsync(without);
                b = await BatchAsync(with);
            }
            else
            {
                b = await BatchAsync(with);
                a = await BatchAsync(without);
            }

            withoutTimes.Add(a);
            withTimes.Add(b);
            ratios.Add(b / a);
        }

        ratios.Sort();
        withoutTimes.Sort();
        withTimes.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"pass-through, {rounds} rounds of {BatchSize:N0} requests each way: without IsrBuild median {Median(withoutTimes):F1} ns, with IsrBuild and an endpoint page {Median(withTimes):F1} ns; with/without per round: median {Median(ratios):F4} (quartiles {ratios[rounds / 4]:F4}–{ratios[rounds * 3 / 4]:F4})"));
    }

    /// <summary>Nanoseconds per request over one batch.</summary>
    private static async Task<double> BatchAsync(PassThroughApp app)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < BatchSize; i++)
        {
            await app.PlainAsync();
        }

        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / BatchSize;
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];
}
