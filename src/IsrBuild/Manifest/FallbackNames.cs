namespace IsrBuild.Manifest;

/// <summary>The manifest's names for <see cref="FallbackMode"/>: Next.js's values of <c>fallback</c>.</summary>
internal static class FallbackNames
{
    public const string NotFound = "false";
    public const string Blocking = "blocking";
    public const string Background = "true";

    public static string From(FallbackMode mode) => mode switch
    {
        FallbackMode.NotFound => NotFound,
        FallbackMode.Blocking => Blocking,
        FallbackMode.Background => Background,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fallback mode."),
    };

    public static FallbackMode? Parse(string name) => name switch
    {
        NotFound => FallbackMode.NotFound,
        Blocking => FallbackMode.Blocking,
        Background => FallbackMode.Background,
        _ => null,
    };
}
