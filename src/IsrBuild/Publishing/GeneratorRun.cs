using System.Runtime.Loader;
using System.Text.Json;
using IsrBuild.Generation;
using IsrBuild.Localization;
using IsrBuild.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsrBuild.Publishing;

/// <summary>
/// The publish-time generator's whole run, which the IsrBuild.Generator process starts: it loads the site, runs its
/// startup until <c>builder.Build()</c> (or, to prerender endpoint pages, until <c>app.Run()</c>), prerenders every page into the output folder and writes the result file the
/// MSBuild task reads. It lives beside the code it drives, so the generator process needs nothing of IsrBuild's
/// internals.
/// </summary>
internal static class GeneratorRun
{
    /// <summary>Runs the generator with its command line; the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        GeneratorArguments arguments;
        try
        {
            arguments = GeneratorArguments.Parse(args);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            GeneratorDiagnostics.Error(GeneratorDiagnostics.InvalidArguments, exception.Message);
            return 1;
        }

        // The site's startup code sees these exactly as a serving host started from the project folder would.
        Environment.SetEnvironmentVariable(IsrEnvironment.PublishTimeVariable, "1");
        Environment.SetEnvironmentVariable(CompiledTemplateFolders.PublishOutputVariable, Path.Combine(arguments.OutputDirectory, CompiledTemplateFolders.FolderName));
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", arguments.Environment);
        Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", arguments.Environment);
        Environment.SetEnvironmentVariable("ASPNETCORE_CONTENTROOT", arguments.ProjectDirectory);
        Directory.SetCurrentDirectory(arguments.ProjectDirectory);

        var applicationDirectory = Path.GetDirectoryName(arguments.AssemblyPath)!;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(applicationDirectory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };

        var application = AssemblyLoadContext.Default.LoadFromAssemblyPath(arguments.AssemblyPath);
        var applicationName = application.GetName().Name!;
        Environment.SetEnvironmentVariable("ASPNETCORE_APPLICATIONNAME", applicationName);

        IServiceProvider services;
        try
        {
            services = HostCapture.Capture(
                application,
                ["--environment", arguments.Environment, "--contentRoot", arguments.ProjectDirectory, "--applicationName", applicationName],
                TimeSpan.FromMinutes(5));
        }
        catch (HostCaptureException exception)
        {
            GeneratorDiagnostics.Error(exception.Code, exception.Message);
            return 1;
        }

        var catalog = services.GetService<PageCatalog>();
        var generator = services.GetService<PageGenerator>();
        if (catalog is null || generator is null)
        {
            GeneratorDiagnostics.Error(
                GeneratorDiagnostics.AddIsrMissing,
                $"{applicationName} references IsrBuild but does not call builder.Services.AddIsr() before builder.Build(); there are no pages to prerender.");
            return 1;
        }

        // Every template, used by a page or not, is compiled now and shipped, so the host never has to compile one.
        await services.GetRequiredService<IIsrRenderer>().WarmUpAsync((template, exception) =>
            GeneratorDiagnostics.Warning(
                GeneratorDiagnostics.TemplateDoesNotCompile,
                $"Template '{template}' does not compile: {exception.Message}",
                exception is TemplateCompilationFailedException failed ? new SourceLocation(failed.File, failed.Line, failed.Column) : null), CancellationToken.None);
        TemplateSyntaxCheck.WarnOfTagHelpers(services.GetRequiredService<IIsrRenderer>().TemplateFolder);

        PageLocales locales;
        try
        {
            locales = services.GetRequiredService<PageLocales>();
        }
        catch (OptionsValidationException exception)
        {
            GeneratorDiagnostics.Error(GeneratorDiagnostics.PagesInvalid, $"The site's Isr options are invalid: {exception.Message}");
            return 1;
        }

        var run = new PrerenderRun(
            catalog,
            generator,
            services.GetRequiredService<PathMatcher>(),
            services.GetServices<ListedPaths>(),
            services.GetRequiredService<IServiceScopeFactory>(),
            locales,
            arguments);
        var summary = await run.RunAsync(CancellationToken.None);
        if (summary is null)
        {
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(arguments.FileList)!);
        await File.WriteAllLinesAsync(arguments.FileList, run.Files);
        await using (var result = File.Create(arguments.ResultFile))
        await using (var json = new Utf8JsonWriter(result, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pages", summary.Pages);
            json.WriteNumber("notFound", summary.NotFound);
            json.WriteNumber("redirects", summary.Redirects);
            json.WriteNumber("unchanged", summary.Unchanged);
            json.WriteNumber("files", summary.Files);
            json.WriteNumber("bytes", summary.Bytes);
            json.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 2));
            json.WriteEndObject();
        }

        // The site's own startup may have left foreground threads behind; the generator's work is done.
        Console.Out.Flush();
        Environment.Exit(0);
        return 0;
    }
}
