using IsrBuild.Sample.Data;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BlogOptions>(builder.Configuration.GetSection("Blog"));
builder.Services.AddSingleton<BlogDatabase>();
builder.Services.AddIsr();

// Several hosts share one cache when Redis is configured (Isr__Redis__Configuration=127.0.0.1:6379); alone otherwise.
if (!string.IsNullOrEmpty(builder.Configuration["Isr:Redis:Configuration"]))
{
    builder.Services.AddIsrRedis();
}

var app = builder.Build();

app.UseStatusCodePages("text/html; charset=utf-8", "<!DOCTYPE html><title>{0}</title><h1>{0}</h1><p>There is no page here. <a href=\"/\">Home</a></p>");
app.MapIsr();

app.Run();
