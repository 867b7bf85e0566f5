using System.Net;
using System.Text.Json;

namespace IsrBuild.Testing;

/// <summary>The route's answer: its status, its text, and the text as JSON (an empty object for an empty body).</summary>
public sealed class RevalidateAnswer(HttpStatusCode status, string body)
{
    public HttpStatusCode Status { get; } = status;

    public string Body { get; } = body;

    public JsonElement Json { get; } = Parse(body);

    public void Deconstruct(out HttpStatusCode status, out JsonElement json)
    {
        status = Status;
        json = Json;
    }

    /// <summary>The status and the text, for a message when the status is not the one expected.</summary>
    public (HttpStatusCode Status, string Body) AsText() => (Status, Body);

    private static JsonElement Parse(string body)
    {
        if (body.Length == 0 || body[0] != '{')
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
