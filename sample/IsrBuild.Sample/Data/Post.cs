namespace IsrBuild.Sample.Data;

/// <summary>One blog post.</summary>
public sealed record Post(long Id, string Title, string Body);
