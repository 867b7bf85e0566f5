namespace IsrBuild.Coordination;

/// <summary>The page store refused a write (a full disk, a backend that is down); the page was not kept.</summary>
internal sealed class PageStoreWriteException(string path, Exception innerException)
    : Exception($"The page store could not keep {path}: {innerException.Message}", innerException);
