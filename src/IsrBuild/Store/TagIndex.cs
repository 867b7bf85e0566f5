namespace IsrBuild.Store;

/// <summary>Which paths carry which tags, kept in step as pages are written.</summary>
internal sealed class TagIndex
{
    private readonly Dictionary<string, HashSet<string>> _pathsByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _tagsByPath = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Records that <paramref name="path"/> now carries exactly <paramref name="tags"/> (none for a removed page).</summary>
    public void Set(string path, IReadOnlyList<string> tags)
    {
        lock (_gate)
        {
            if (_tagsByPath.Remove(path, out var previous))
            {
                foreach (var tag in previous)
                {
                    if (_pathsByTag.TryGetValue(tag, out var paths) && paths.Remove(path) && paths.Count == 0)
                    {
                        _pathsByTag.Remove(tag);
                    }
                }
            }

            if (tags.Count == 0)
            {
                return;
            }

            _tagsByPath[path] = [.. tags];
            foreach (var tag in tags)
            {
                if (!_pathsByTag.TryGetValue(tag, out var paths))
                {
                    _pathsByTag[tag] = paths = new HashSet<string>(StringComparer.Ordinal);
                }

                paths.Add(path);
            }
        }
    }

    public IReadOnlyCollection<string> PathsWith(string tag)
    {
        lock (_gate)
        {
            return _pathsByTag.TryGetValue(tag, out var paths) ? [.. paths.Order(StringComparer.Ordinal)] : [];
        }
    }
}
