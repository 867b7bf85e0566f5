using Microsoft.AspNetCore.Http;

namespace IsrBuild.SecretRoutes;

/// <summary>
/// How every route behind the secret refuses a call (a wrong secret, a method it does not take, malformed input):
/// <c>{"revalidated": false, "message": "..."}</c>, the shape Next.js's revalidate route answers with.
/// </summary>
internal static class Refusal
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message) =>
        JsonAnswer.WriteAsync(context, statusCode, new RefusalBody(false, message), RefusalJsonContext.Default.RefusalBody);
}
