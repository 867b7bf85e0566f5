using System.Text.Json.Serialization.Metadata;
using IsrBuild.Http;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.SecretRoutes;

/// <summary>How the routes behind the secret (revalidate, status, draft) answer in JSON: never kept by any cache.</summary>
internal static class JsonAnswer
{
    public static Task WriteAsync<T>(HttpContext context, int statusCode, T body, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = IsrHeaders.ApiNoStore;
        return context.Response.WriteAsJsonAsync(body, type, IsrHeaders.JsonContentType, context.RequestAborted);
    }
}
