using IsrBuild.Sample.Data;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BlogOptions>(builder.Configuration.GetSection("Blog"));
builder.Services.AddSingleton<BlogDatabase>();
builder.Services.AddIsr();

var app = builder.Build();

app.MapGet("/", () => "IsrBuild sample: see isr/isr-manifest.json in the publish output.");

app.Run();
