using IsrBuild.Sample.Components.Components;
using IsrBuild.Sample.Data;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BlogOptions>(builder.Configuration.GetSection("Blog"));
builder.Services.AddSingleton<BlogDatabase>();
builder.Services.AddRazorComponents();
builder.Services.AddIsr();

// What publish prerenders: the home page, the about page and every post in the database. A post added later renders on
// its first request.
builder.Services.AddIsrPaths(async (services, cancellationToken) =>
{
    var ids = await services.GetRequiredService<BlogDatabase>().GetPostIdsAsync(cancellationToken);
    return ids.Select(id => $"/posts/{id}").Prepend("/about").Prepend("/");
});

// Behind the deployment recipe's nginx: the caller is the address nginx forwards (loopback proxies only).
builder.Services.Configure<ForwardedHeadersOptions>(options =>
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();

app.UseForwardedHeaders();
app.UseAntiforgery();
app.MapIsr();
app.MapRazorComponents<App>();

app.Run();
