// Usage: dotnet IsrBuild.Bench.Baseline.dll <publish folder> [--output-cache] --urls http://127.0.0.1:5091
// The least a Kestrel app can do to serve the published pages: every page's HTML in a dictionary. With
// --output-cache the same app answers through ASP.NET Core Output Caching (its defaults), the cache a .NET team
// already has, so IsrBuild is measured against both in the same run.
using Microsoft.Data.Sqlite;

var store = Path.Combine(args.Length > 0 ? args[0] : ".", "isr", "isr-pages.db");
var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
using (var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly"))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT path, html FROM pages WHERE html IS NOT NULL";
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        pages[reader.GetString(0)] = (byte[])reader.GetValue(1);
    }
}

var outputCache = args.Contains("--output-cache");
var builder = WebApplication.CreateSlimBuilder(args.Skip(1).Where(a => a != "--output-cache").ToArray());
builder.Logging.ClearProviders();
if (outputCache)
{
    builder.Services.AddOutputCache(options => options.AddBasePolicy(policy => policy.Expire(TimeSpan.FromHours(1))));
}

var app = builder.Build();
if (outputCache)
{
    app.UseOutputCache();
}

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
