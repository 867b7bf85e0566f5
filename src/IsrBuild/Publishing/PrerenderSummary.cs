namespace IsrBuild.Publishing;

/// <summary>What a publish-time run produced, for the task's summary line.</summary>
internal sealed record PrerenderSummary(int Pages, int NotFound, int Redirects, int Unchanged, int Files, long Bytes, TimeSpan Elapsed);
