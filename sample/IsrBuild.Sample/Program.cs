using IsrBuild.Sample.Data;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BlogOptions>(builder.Configuration.GetSection("Blog"));
builder.Services.AddSingleton<BlogDatabase>();
builder.Services.AddIsr();

// Behind the deployment recipe's nginx every connection comes from 127.0.0.1: the caller is the address nginx forwards
// (X-Forwarded-For), so the revalidate route's limit on failed secrets counts each caller apart. Only loopback
// proxies are trusted (the defaults); list another proxy in KnownProxies or KnownNetworks.
builder.Services.Configure<ForwardedHeadersOptions>(options =>
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

// Several hosts share one cache when Redis is configured (Isr__Redis__Configuration=127.0.0.1:6379); alone otherwise.
if (!string.IsNullOrEmpty(builder.Configuration["Isr:Redis:Configuration"]))
{
    builder.Services.AddIsrRedis();
}

var app = builder.Build();

app.UseForwardedHeaders();

app.UseStatusCodePages("text/html; charset=utf-8", "<!DOCTYPE html><title>{0}</title><h1>{0}</h1><p>There is no page here. <a href=\"/\">Home</a></p>");
app.MapIsr();

app.Run();
