namespace IsrBuild.Serving;

/// <summary>
/// The page a visitor gets for a <see cref="FallbackMode.Background"/> path that is still generating, when the
/// page has no fallback template of its own: it reloads itself, and by then the page is usually ready.
/// </summary>
internal static class FallbackShell
{
    public static ReadOnlyMemory<byte> Html { get; } = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1"><meta name="robots" content="noindex"><title>Loading…</title></head>
        <body><p>Loading…</p></body></html>
        """u8.ToArray();
}
