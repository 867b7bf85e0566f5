using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IsrBuild.Testing;

/// <summary>Calls of the revalidate route (and the routes behind its secret), as a CMS makes them.</summary>
public static class RevalidateCalls
{
    /// <summary>
    /// Sends <paramref name="url"/> (a path and query such as <c>/api/revalidate?path=/posts/1</c>) with
    /// <paramref name="method"/> (POST unless given), a JSON <paramref name="body"/> and a bearer secret if given.
    /// </summary>
    public static async Task<RevalidateAnswer> RevalidateAsync(this HttpClient client, string url, string? bearer = null, HttpMethod? method = null, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        return new RevalidateAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
