namespace IsrBuild;

/// <summary>How many pages carrying a tag were revalidated.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Pages">The number of pages that carried it.</param>
public sealed record TagRevalidationResult(string Tag, int Pages);
