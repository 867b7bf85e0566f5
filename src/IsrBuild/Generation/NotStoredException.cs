namespace IsrBuild.Generation;

/// <summary>
/// An endpoint page answered with something IsrBuild does not store: another status than 200, 404 or a redirect, or
/// an answer that sets a cookie (<see cref="SetsCookie"/>). The last good page stays.
/// </summary>
internal sealed class NotStoredException(string message, bool setsCookie = false, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool SetsCookie { get; } = setsCookie;
}
