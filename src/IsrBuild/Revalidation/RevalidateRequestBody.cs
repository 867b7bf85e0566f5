namespace IsrBuild.Revalidation;

/// <summary>The JSON body a POST to the revalidate route may carry: <c>{"paths": [...], "tags": [...]}</c>.</summary>
internal sealed class RevalidateRequestBody
{
    public List<string>? Paths { get; set; }

    public List<string>? Tags { get; set; }
}
