namespace IsrBuild.Publishing;

/// <summary>A place in the site's source, for a diagnostic.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column);
