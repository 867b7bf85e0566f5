namespace IsrBuild.Manifest;

/// <summary>The ISR manifest is malformed or of a version this library does not read; the message names the file.</summary>
public sealed class IsrManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IsrManifestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
