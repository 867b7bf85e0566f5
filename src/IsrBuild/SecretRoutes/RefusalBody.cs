namespace IsrBuild.SecretRoutes;

/// <summary>The body of a refusal.</summary>
internal sealed record RefusalBody(bool Revalidated, string Message);
