namespace IsrBuild.Coordination;

/// <summary>Which representation of a page a response carries.</summary>
public enum PageEncoding
{
    /// <summary>The HTML as it is.</summary>
    Identity,

    /// <summary>Brotli (<c>Content-Encoding: br</c>).</summary>
    Brotli,

    /// <summary>gzip (<c>Content-Encoding: gzip</c>).</summary>
    Gzip,
}
