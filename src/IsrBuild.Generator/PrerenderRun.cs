using System.Diagnostics;
using System.Runtime.CompilerServices;
using IsrBuild.Generation;
using IsrBuild.Manifest;
using IsrBuild.Rendering;

namespace IsrBuild.Generator;

/// <summary>
/// Prerenders every listed path of every page, with bounded parallelism and a timeout per page, and writes the
/// HTML, its precompressed variants and the manifest. Paths stream from each page's static paths, so memory grows
/// only with the manifest entries, never with the rendered pages.
/// </summary>
internal sealed class PrerenderRun(PageCatalog catalog, PageGenerator generator, GeneratorArguments arguments)
{
    /// <summary>After this many failed pages the run stops: the rest would most likely fail for the same reason.</summary>
    private const int MaxFailures = 20;

    private readonly IsrManifest _manifest = new();
    private readonly Lock _manifestGate = new();
    private readonly OutputWriter _writer = new(arguments.OutputDirectory);
    private int _failures;

    public async Task<PrerenderSummary?> RunAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<PageDescriptor> pages;
        try
        {
            pages = catalog.Pages;
        }
        catch (Exception exception)
        {
            GeneratorDiagnostics.Error(GeneratorDiagnostics.PagesInvalid, $"The site's pages could not be read: {Unwrap(exception).Message}");
            return null;
        }

        if (pages.Count == 0)
        {
            GeneratorDiagnostics.Warning(GeneratorDiagnostics.NoPages, "AddIsr was called but the site has no IsrPage classes; nothing was prerendered.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = arguments.MaxParallelism, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(EnumerateWorkAsync(pages, stop.Token), options, (work, token) => GenerateAsync(work, stop, token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            GeneratorDiagnostics.Message($"IsrBuild: stopped after {MaxFailures} failed pages.");
        }

        if (GeneratorDiagnostics.ErrorCount > 0)
        {
            return null;
        }

        _manifest.NotFound.Sort(StringComparer.Ordinal);
        _manifest.BuildId = Guid.NewGuid().ToString("N");
        _manifest.GeneratedAt = DateTimeOffset.UtcNow;
        var manifestPath = Path.Combine(arguments.OutputDirectory, IsrManifest.FileName);
        Directory.CreateDirectory(arguments.OutputDirectory);
        await ManifestWriter.WriteAsync(_manifest, manifestPath, cancellationToken);
        _writer.Add(IsrManifest.FileName, new FileInfo(manifestPath).Length);
        var indexPath = Path.Combine(arguments.OutputDirectory, ManifestIndexFile.FileName);
        ManifestIndexFile.Write(_manifest, indexPath);
        _writer.Add(ManifestIndexFile.FileName, new FileInfo(indexPath).Length);
        AddCompiledTemplates();
        _writer.DeleteStaleFiles();

        return new PrerenderSummary(_manifest.Pages.Count, _manifest.NotFound.Count, _manifest.Redirects.Count, _writer.Files.Count, _writer.BytesWritten, stopwatch.Elapsed);
    }

    public IReadOnlyCollection<string> Files => _writer.Files;

    /// <summary>The templates RazorLight compiled while rendering: shipped so the host need not compile them again.</summary>
    private void AddCompiledTemplates()
    {
        var folder = Path.Combine(arguments.OutputDirectory, RazorLightRenderer.CompiledFolderName);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            _writer.Add(RazorLightRenderer.CompiledFolderName + "/" + Path.GetFileName(file), new FileInfo(file).Length);
        }
    }

    private async IAsyncEnumerable<PathWork> EnumerateWorkAsync(
        IReadOnlyList<PageDescriptor> pages,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            StaticPaths paths;
            try
            {
                paths = await generator.GetStaticPathsAsync(page, isPublishTime: true, cancellationToken);
            }
            catch (PageGenerationException exception)
            {
                Fail(GeneratorDiagnostics.StaticPathsFailed, exception.Message, exception);
                continue;
            }

            lock (_manifestGate)
            {
                _manifest.Routes[page.Route.Template] = new ManifestRoute
                {
                    Page = page.Type.FullName!,
                    Template = page.Template,
                    Fallback = FallbackNames.From(paths.Fallback),
                };
            }

            await foreach (var values in paths.EnumerateAsync(cancellationToken))
            {
                string path;
                try
                {
                    path = page.Route.BindPath(values);
                }
                catch (ArgumentException exception)
                {
                    Fail(GeneratorDiagnostics.InvalidPath, $"{page.Type.FullName}: {exception.Message}", null);
                    continue;
                }

                if (!seen.Add(path))
                {
                    Fail(GeneratorDiagnostics.InvalidPath, $"{page.Type.FullName}: the path '{path}' is listed twice (by this page's static paths or by another page's).", null);
                    continue;
                }

                yield return new PathWork(page, path, values);
            }
        }
    }

    private async ValueTask GenerateAsync(PathWork work, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(arguments.PageTimeout);
        try
        {
            var result = await generator
                .GenerateAsync(work.Page, work.Path, work.RouteValues, GenerationReason.Publish, timeout.Token)
                .WaitAsync(arguments.PageTimeout, cancellationToken);
            await RecordAsync(work, result, cancellationToken);
        }
        catch (PageGenerationException exception)
        {
            var code = exception.Stage == GenerationStage.Render ? GeneratorDiagnostics.RenderFailed : GeneratorDiagnostics.StaticPropsFailed;
            Fail(code, exception.Message, exception);
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Fail(GeneratorDiagnostics.PageTimedOut, $"{work.Page.Type.FullName}: '{work.Path}' did not finish within {arguments.PageTimeout.TotalSeconds:0} s (IsrBuildPageTimeoutSeconds).", null);
        }
        catch (IOException exception)
        {
            Fail(GeneratorDiagnostics.OutputFailed, $"{work.Page.Type.FullName}: writing '{work.Path}' failed: {exception.Message}", null);
        }
        catch (UnauthorizedAccessException exception)
        {
            Fail(GeneratorDiagnostics.OutputFailed, $"{work.Page.Type.FullName}: writing '{work.Path}' failed: {exception.Message}", null);
        }

        if (Volatile.Read(ref _failures) >= MaxFailures)
        {
            await stop.CancelAsync();
        }
    }

    private async Task RecordAsync(PathWork work, GenerationResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case GenerationResult.Rendered rendered:
                var html = IsrManifest.PagesFolderName + "/" + PagePath.ToFileName(work.Path);
                var entry = new ManifestPage
                {
                    Route = work.Page.Route.Template,
                    Html = await WriteAsync(html, rendered.Page.Html, cancellationToken),
                    Brotli = await WriteAsync(html + ".br", rendered.Page.Brotli, cancellationToken),
                    Gzip = await WriteAsync(html + ".gz", rendered.Page.Gzip, cancellationToken),
                    Revalidate = rendered.Revalidate.Seconds,
                    Tags = [.. rendered.Tags],
                };
                lock (_manifestGate)
                {
                    _manifest.Pages[work.Path] = entry;
                }

                break;
            case GenerationResult.NotFound:
                lock (_manifestGate)
                {
                    _manifest.NotFound.Add(work.Path);
                }

                break;
            case GenerationResult.Redirect redirect:
                lock (_manifestGate)
                {
                    _manifest.Redirects[work.Path] = new ManifestRedirect
                    {
                        Route = work.Page.Route.Template,
                        Destination = redirect.Destination,
                        Permanent = redirect.Permanent,
                    };
                }

                break;
        }
    }

    private async Task<ManifestFile> WriteAsync(string relativePath, PageRepresentation representation, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(relativePath, representation.Content, cancellationToken);
        return new ManifestFile { Path = relativePath, Length = representation.Content.Length, Hash = representation.Hash };
    }

    private void Fail(string code, string message, PageGenerationException? exception)
    {
        Interlocked.Increment(ref _failures);
        var location = exception is null ? null : GeneratorDiagnostics.FindInPage(exception.InnerException!, exception.Page.Type);
        GeneratorDiagnostics.Error(code, message, location);
    }

    private static Exception Unwrap(Exception exception) =>
        exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;

    private sealed record PathWork(PageDescriptor Page, string Path, IReadOnlyDictionary<string, string> RouteValues);
}
