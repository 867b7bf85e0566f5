namespace IsrBuild.Coordination;

/// <summary>Another host holds the path's lease, so this one serves what it has and leaves the render to it.</summary>
internal sealed class RegenerationDeferredException(string path)
    : Exception($"Another host is regenerating {path}; this host serves the page it has.");
