using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IsrBuild.Tests.Infrastructure;

/// <summary>
/// The app's own endpoints over <see cref="TestBackend"/>, made ISR pages with <c>WithIsr</c> and <see cref="IsrAttribute"/>:
/// each shows the slug's title, the visitor's cookie, <c>Authorization</c> and query (which an isolated render never has),
/// a 404 for a missing title and a 302 for a redirect.
/// </summary>
public static class TestEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/minimal/{slug}", (string slug, HttpContext context, TestBackend backend) => AnswerAsync(slug, context, backend))
            .WithIsr(10, "minimal");
        app.MapGet("/minimal-numbered/{id:long}", (long id, HttpContext context, TestBackend backend) => AnswerAsync("n" + id, context, backend))
            .WithIsr(10);
        app.MapGet("/plain", () => Results.Content("<p>plain</p>", "text/html"));
        app.MapControllers();
    }

    public static async Task<IResult> AnswerAsync(string slug, HttpContext context, TestBackend backend)
    {
        var title = await backend.ReadTitleAsync(slug, context.RequestAborted);
        if (backend.Redirects.TryGetValue(slug, out var destination))
        {
            return Results.Redirect(destination);
        }

        if (title is null)
        {
            return Results.NotFound();
        }

        context.Isr().Tag($"item:{slug}");
        if (backend.SetsCookie.ContainsKey(slug))
        {
            context.Response.Cookies.Append("session", "s-" + slug);
        }

        var visitor = context.Request.Cookies["visitor"] ?? "none";
        return Results.Content(
            $"<!DOCTYPE html><html><body><h1>{title}</h1><p>visitor: {visitor}</p><p>authorization: {context.Request.Headers.Authorization}</p><p>query: {context.Request.QueryString}</p></body></html>",
            "text/html; charset=utf-8");
    }
}

/// <summary>An MVC controller that is an ISR page by attribute; its action also sets its own interval.</summary>
[Isr(RevalidateSeconds = 10, Tags = ["mvc"])]
public sealed class ArticlesController(TestBackend backend) : Controller
{
    [HttpGet("/articles/{slug}")]
    public async Task<IActionResult> Show(string slug)
    {
        HttpContext.Isr().Revalidate(20);
        var result = await TestEndpoints.AnswerAsync(slug, HttpContext, backend);
        return new ResultAdapter(result);
    }

    /// <summary>An <see cref="IResult"/> answered from an action.</summary>
    private sealed class ResultAdapter(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
