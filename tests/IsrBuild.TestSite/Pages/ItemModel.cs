namespace IsrBuild.TestSite.Pages;

/// <summary>One item's model.</summary>
public sealed record ItemModel(string Slug, string Title);
