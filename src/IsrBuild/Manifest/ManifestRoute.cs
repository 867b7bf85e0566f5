namespace IsrBuild.Manifest;

/// <summary>One route of the manifest: its page class, template and fallback mode.</summary>
internal sealed record ManifestRoute(string Template, string Page, string TemplateFile, FallbackMode Fallback);
