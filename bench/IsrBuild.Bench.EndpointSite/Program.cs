// Usage: dotnet IsrBuild.Bench.EndpointSite.dll [--no-isr] --contentRoot <this folder> --urls http://127.0.0.1:5097
// /plain/{id} is a minimal API endpoint without ISR; /endpoint/{id} the same endpoint with WithIsr; /page/{id} an
// IsrPage rendering the same HTML. --no-isr leaves IsrBuild out altogether (no AddIsr, no MapIsr, no WithIsr), so
// the cost IsrBuild adds to a request for a page without ISR can be measured.
using IsrBuild.Bench.EndpointSite;

var withIsr = !args.Contains("--no-isr");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--no-isr").ToArray());
builder.Logging.ClearProviders();
if (withIsr)
{
    builder.Services.AddIsr(options => options.AddPage<BenchPage>());
}

var app = builder.Build();
app.MapGet("/plain/{id:long}", (long id) => Results.Content(BenchHtml.Of(id), "text/html; charset=utf-8"));
var endpoint = app.MapGet("/endpoint/{id:long}", (long id) => Results.Content(BenchHtml.Of(id), "text/html; charset=utf-8"));
if (withIsr)
{
    endpoint.WithIsr(3600);
    app.MapIsr();
}

app.Run();
