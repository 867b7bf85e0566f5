namespace IsrBuild.Generation;

/// <summary>A registered page class with its route, template and header choices, read once from an instance.</summary>
internal sealed record PageDescriptor(Type Type, PageRoute Route, string Template, string? FallbackTemplate, string? CacheControl = null);
