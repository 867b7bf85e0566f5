using System.Text;
using IsrBuild.Generation;
using IsrBuild.Publishing;

namespace IsrBuild.Tests.Infrastructure;

/// <summary>A published store and manifest written as the generator writes them.</summary>
internal static class SampleStore
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static byte[] Html(string id) => Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><body><h1>Post {id}</h1></body></html>");

    public static void Write(string folder, string buildId = "b1")
    {
        using var writer = new PublishedStoreWriter(folder, buildId, GeneratedAt);
        writer.AddRoute("/posts/{id}", "Site.PostPage", "Post.cshtml", FallbackMode.Blocking);
        writer.AddRoute("/tags/{tag}", "Site.TagPage", "Tag.cshtml", FallbackMode.NotFound);
        writer.AddRoute("/about", "Site.AboutPage", "About.cshtml", FallbackMode.NotFound);
        writer.AddRoute("/{x}", "Site.OldPage", "Old.cshtml", FallbackMode.NotFound);
        foreach (var id in new[] { "1", "2" })
        {
            writer.Add($"/posts/{id}", "/posts/{id}", new GenerationResult.Rendered(PageEncoder.Encode(Html(id)), Revalidate.AfterSeconds(60), [$"post:{id}", "posts"]));
        }

        foreach (var tag in new[] { "a b", "商業日語" })
        {
            writer.Add($"/tags/{tag}", "/tags/{tag}", new GenerationResult.Rendered(PageEncoder.Encode(Html(tag)), Revalidate.Never, ["tags"]));
        }

        writer.Add("/about", "/about", new GenerationResult.Rendered(PageEncoder.Encode(Html("about")), Revalidate.Never, []));
        writer.Add("/old", "/{x}", new GenerationResult.Redirect("/new", 308, Revalidate.Never));
        writer.Add("/posts/9", "/posts/{id}", new GenerationResult.NotFound(Revalidate.AfterSeconds(30)));
        writer.Complete();
    }
}
