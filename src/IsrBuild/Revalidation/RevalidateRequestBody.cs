namespace IsrBuild.Revalidation;

/// <summary>
/// The JSON body a POST to the revalidate route may carry: <c>{"paths": [...], "tags": [...], "locale": "fr", "mode": "stale"}</c>;
/// <c>locale</c> (one of the site's, or <c>*</c> for all) says which locale's pages unprefixed paths name, and
/// <c>mode</c> is <c>now</c> (the default), <c>stale</c> or <c>expire</c>.
/// </summary>
internal sealed class RevalidateRequestBody
{
    public List<string>? Paths { get; set; }

    public List<string>? Tags { get; set; }

    public string? Locale { get; set; }

    public string? Mode { get; set; }
}
