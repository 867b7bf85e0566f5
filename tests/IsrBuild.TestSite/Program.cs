using IsrBuild.TestSite.Shelves;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpContextAccessor();
builder.Services.AddControllersWithViews();

// Lets a test publish a site that forgets AddIsr, to see the error publish gives for it.
if (!builder.Configuration.GetValue<bool>("TestSite:ForgetAddIsr"))
{
    builder.Services.AddIsr();
    builder.Services.AddSingleton<IsrBuild.IIsrCdnPurger, IsrBuild.TestSite.PurgeLog>();

    // The app's own endpoints as pages: an MVC action with a view and a minimal API endpoint. /note/cookie answers
    // with a cookie (publish warns and never stores it). With TestSite:FailingEndpoint, /note/boom throws at publish,
    // two listed paths are wrong and one list's delegate throws.
    builder.Services.AddIsrPaths("/shelf/1", "/shelf/2", "/note/hello", "/note/cookie");
    if (builder.Configuration.GetValue<bool>("TestSite:FailingEndpoint"))
    {
        builder.Services.AddIsrPaths("/note/boom", "/no/such/page", "relative");
        builder.Services.AddIsrPaths((_, _) => throw new InvalidOperationException("The path list is down."));
    }
}

var app = builder.Build();

app.MapIsr();
app.MapControllers();
app.MapGet("/note/{slug}", Notes.Answer).WithIsr(3600, "notes");

app.Run();
