using System.Diagnostics;

namespace IsrBuild.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few hundred kilobytes mounted on a folder, to fill up as a full disk does (writes fail with "no space
/// left on device"); unmounted when disposed, whatever the test's outcome.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly string _filler;

    private SmallDisk(string folder)
    {
        Folder = folder;
        _filler = Path.Combine(folder, "filler");
    }

    public static bool CanMount => OperatingSystem.IsLinux() && Environment.UserName == "root" && (File.Exists("/usr/bin/mount") || File.Exists("/bin/mount"));

    public string Folder { get; }

    public static SmallDisk Mount(string folder, int kilobytes)
    {
        Directory.CreateDirectory(folder);
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", folder);
        return new SmallDisk(folder);
    }

    /// <summary>Takes every byte left, as the rest of a full disk's users would.</summary>
    public void Fill()
    {
        using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[4096];
        try
        {
            // Bounded: the disk is a few hundred kilobytes.
            for (var i = 0; i < 100_000; i++)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    /// <summary>Makes room again.</summary>
    public void Free() => File.Delete(_filler);

    public void Dispose() => Run("umount", "-l", Folder);

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{program} did not finish.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {process.StandardError.ReadToEnd()}");
        }
    }
}
