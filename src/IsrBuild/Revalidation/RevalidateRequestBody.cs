namespace IsrBuild.Revalidation;

/// <summary>
/// The JSON body a POST to the revalidate route may carry: <c>{"paths": [...], "tags": [...], "locale": "fr"}</c>;
/// <c>locale</c> (one of the site's, or <c>*</c> for all) says which locale's pages unprefixed paths name.
/// </summary>
internal sealed class RevalidateRequestBody
{
    public List<string>? Paths { get; set; }

    public List<string>? Tags { get; set; }

    public string? Locale { get; set; }
}
