// Usage: dotnet IsrBuild.Bench.Baseline.dll <publish folder> --urls http://127.0.0.1:5091
var pagesFolder = Path.Combine(args.Length > 0 ? args[0] : ".", "isr", "pages");
var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
foreach (var file in Directory.EnumerateFiles(pagesFolder, "*.html", SearchOption.AllDirectories))
{
    var relative = Path.GetRelativePath(pagesFolder, file).Replace('\\', '/');
    var path = relative == "index.html" ? "/" : "/" + relative[..^".html".Length];
    pages[path] = File.ReadAllBytes(file);
}

var builder = WebApplication.CreateSlimBuilder(args.Skip(1).ToArray());
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(context =>
{
    if (!pages.TryGetValue(context.Request.Path.Value ?? "/", out var page))
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = page.Length;
    return context.Response.Body.WriteAsync(page).AsTask();
});
app.Run();
