namespace IsrBuild.Coordination;

/// <summary>How far a page store took a new state.</summary>
public enum PageWrite
{
    /// <summary>Every host serves it (always, for a store of one host).</summary>
    Shared,

    /// <summary>This host serves it; the shared store could not be reached, so the others do not know of it.</summary>
    LocalOnly,

    /// <summary>
    /// Refused: a render under a newer lease was written first (this one's holder was paused past its lease). The
    /// store holds the newer state, and so does this host.
    /// </summary>
    Superseded,
}
