using System.Collections.Concurrent;

namespace IsrBuild.Generator;

/// <summary>
/// Writes the generated files under the output folder. A file is rewritten only when its bytes changed, so the
/// publish copy (PreserveNewest) skips unchanged pages; files a previous run wrote and this one did not are deleted.
/// </summary>
internal sealed class OutputWriter(string root)
{
    private readonly ConcurrentDictionary<string, byte> _written = new(StringComparer.Ordinal);

    public long BytesWritten => Interlocked.Read(ref _bytes);

    private long _bytes;

    public IReadOnlyCollection<string> Files => _written.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/> (forward slashes) unless it already holds it.</summary>
    public async Task WriteAsync(string relativePath, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, relativePath);
        _written[relativePath] = 0;
        Interlocked.Add(ref _bytes, content.Length);
        if (await HoldsAsync(path, content, cancellationToken))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Marks a file written by other means (the manifest) as part of the output.</summary>
    public void Add(string relativePath, long length)
    {
        _written[relativePath] = 0;
        Interlocked.Add(ref _bytes, length);
    }

    /// <summary>Deletes every file under the root that this run did not write, and the folders left empty.</summary>
    public void DeleteStaleFiles()
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!_written.ContainsKey(relative))
            {
                File.Delete(file);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
    }

    private static async Task<bool> HoldsAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != content.Length)
        {
            return false;
        }

        var existing = await File.ReadAllBytesAsync(path, cancellationToken);
        return existing.AsSpan().SequenceEqual(content);
    }
}
