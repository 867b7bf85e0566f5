var builder = WebApplication.CreateBuilder(args);

builder.Services.AddIsr();

var app = builder.Build();

app.MapIsr();

app.Run();
