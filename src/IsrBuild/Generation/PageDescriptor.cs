namespace IsrBuild.Generation;

/// <summary>
/// A registered page class with its route, template and header choices, read once from an instance.
/// <see cref="CanonicalPaths"/>: whether other spellings of its paths are sent to the one canonical path.
/// </summary>
internal sealed record PageDescriptor(Type Type, PageRoute Route, string Template, string? FallbackTemplate, string? CacheControl = null, bool CanonicalPaths = true);
