namespace IsrBuild.Sample.Pages;

/// <summary>The about page's model.</summary>
public sealed record AboutModel(string SiteName);
