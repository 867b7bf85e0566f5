var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpContextAccessor();

// Lets a test publish a site that forgets AddIsr, to see the error publish gives for it.
if (!builder.Configuration.GetValue<bool>("TestSite:ForgetAddIsr"))
{
    builder.Services.AddIsr();
    builder.Services.AddSingleton<IsrBuild.IIsrCdnPurger, IsrBuild.TestSite.PurgeLog>();
}

var app = builder.Build();

app.MapIsr();

app.Run();
