using BenchmarkDotNet.Running;

if (args.Length == 3 && args[0] == "synthesize-store")
{
    IsrBuild.Bench.Micro.StoreSynthesizer.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length == 2 && args[0] == "pass-through-ab")
{
    await IsrBuild.Bench.Micro.PassThroughAlternation.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
