namespace IsrBuild.TestSite.Shelves;

/// <summary>A minimal API endpoint that is an ISR page (<c>WithIsr</c>).</summary>
public static class Notes
{
    public static IResult Answer(string slug, HttpContext context)
    {
        if (slug == "boom")
        {
            throw new InvalidOperationException("The note store is down.");
        }

        if (slug == "cookie")
        {
            context.Response.Cookies.Append("note-session", "1");
        }

        return Results.Content($"<!DOCTYPE html><html><body><h1>Note {System.Net.WebUtility.HtmlEncode(slug)}</h1></body></html>", "text/html; charset=utf-8");
    }
}
