namespace IsrBuild.Tasks;

/// <summary>The task's own diagnostic codes (the generator reports ISRB1xxx and up). Listed in docs/diagnostics.md.</summary>
internal static class Diagnostics
{
    public const string GeneratorFailed = "ISRB0001";
    public const string GeneratorMissing = "ISRB0002";
    public const string ApplicationMissing = "ISRB0003";
}
