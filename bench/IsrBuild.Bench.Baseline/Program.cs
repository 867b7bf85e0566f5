// Usage: dotnet IsrBuild.Bench.Baseline.dll <publish folder> [--output-cache | --pipeline] --urls http://127.0.0.1:5091
// The least a Kestrel app can do to serve the published pages: every page's HTML in a dictionary. With
// --output-cache the same app answers through ASP.NET Core Output Caching (its defaults), the cache a .NET team
// already has, so IsrBuild is measured against both in the same run. With --pipeline the dictionary is served
// through the sample's own pipeline (CreateBuilder's defaults, logging included, UseStatusCodePages, endpoint
// routes with the sample's constraint): what the sample would cost with a handler that does nothing but look up.
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
var pipeline = args.Contains("--pipeline");
var hostArguments = args.Skip(1).Where(a => a is not "--output-cache" and not "--pipeline").ToArray();
if (pipeline)
{
    var sampleLike = WebApplication.CreateBuilder(hostArguments);
    var sampleApp = sampleLike.Build();
    sampleApp.UseStatusCodePages("text/html; charset=utf-8", "<!DOCTYPE html><title>{0}</title><h1>{0}</h1>");
    sampleApp.Map("/", Serve);
    sampleApp.Map("/posts/{id:long}", Serve);
    sampleApp.Run();
    return;
}

var builder = WebApplication.CreateSlimBuilder(hostArguments);
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

app.Run(Serve);
app.Run();

Task Serve(HttpContext context)
{
    if (!pages.TryGetValue(context.Request.Path.Value ?? "/", out var page))
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = page.Length;
    return context.Response.Body.WriteAsync(page).AsTask();
}
