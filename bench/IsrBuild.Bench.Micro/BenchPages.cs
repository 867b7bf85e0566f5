using System.Text;

namespace IsrBuild.Bench.Micro;

/// <summary>A post of about 9.7 KB of HTML, like the sample's.</summary>
public sealed record PostModel(string Title, IReadOnlyList<string> Paragraphs)
{
    public static PostModel Create(int id)
    {
        string[] words = ["static", "regeneration", "kestrel", "publish", "cache", "template", "stale", "fresh", "page", "revalidate", "sqlite", "razor"];
        var paragraphs = new List<string>();
        var state = (uint)id * 2_654_435_761u;
        for (var paragraph = 0; paragraph < 12; paragraph++)
        {
            var text = new StringBuilder();
            for (var word = 0; word < 100; word++)
            {
                state = state * 1_664_525u + 1_013_904_223u;
                text.Append(words[(state >> 16) % (uint)words.Length]).Append(' ');
            }

            paragraphs.Add(text.ToString());
        }

        return new PostModel($"Post {id}", paragraphs);
    }
}

/// <summary>The benchmarked page: its props are in memory, so the benchmark measures IsrBuild, not a database.</summary>
public sealed class PostPage : IsrPage
{
    public override string Route => "/posts/{id:int}";

    public override string Template => "Post.cshtml";

    public override Task<StaticProps> GetStaticPropsAsync(StaticPropsContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StaticProps.Page(PostModel.Create(int.Parse(context.RouteValues["id"], System.Globalization.CultureInfo.InvariantCulture)), Revalidate.AfterSeconds(60), ["posts"]));
}
