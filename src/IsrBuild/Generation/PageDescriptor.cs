namespace IsrBuild.Generation;

/// <summary>A registered page class with its route and template, read once from an instance.</summary>
internal sealed record PageDescriptor(Type Type, PageRoute Route, string Template, string? FallbackTemplate);
