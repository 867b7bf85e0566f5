namespace IsrBuild.Publishing;

/// <summary>The site's host could not be captured; carries the diagnostic code to report.</summary>
internal sealed class HostCaptureException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Code { get; } = code;
}
