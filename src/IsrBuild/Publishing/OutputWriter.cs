using System.Collections.Concurrent;

namespace IsrBuild.Publishing;

/// <summary>
/// The files a run leaves under the output folder (the store, the manifest, the compiled templates), which become the
/// publish items; files a previous run wrote and this one did not (pages of the one-file-per-page layout, say) are
/// deleted.
/// </summary>
internal sealed class OutputWriter(string root)
{
    private readonly ConcurrentDictionary<string, byte> _written = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Files => _written.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The bytes of the files of this run.</summary>
    public long Bytes => _written.Keys.Sum(file => new FileInfo(Path.Combine(root, file)).Length);

    /// <summary>Marks <paramref name="relativePath"/> (forward slashes) as part of the output.</summary>
    public void Add(string relativePath) => _written[relativePath] = 0;

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
}
