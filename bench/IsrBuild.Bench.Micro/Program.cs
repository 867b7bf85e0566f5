using BenchmarkDotNet.Running;

if (args.Length == 3 && args[0] == "synthesize-manifest")
{
    await IsrBuild.Bench.Micro.ManifestSynthesizer.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
