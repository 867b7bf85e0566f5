using System.Diagnostics;
using System.Runtime.CompilerServices;
using IsrBuild.Generation;
using IsrBuild.Localization;
using IsrBuild.Manifest;
using IsrBuild.Rendering;
using IsrBuild.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IsrBuild.Publishing;

/// <summary>
/// Prerenders every listed path of every page, with bounded parallelism and a timeout per page, into the published
/// store (one SQLite file, however many pages) and then the manifest. Paths stream from each page's static paths and
/// results stream into the store, so memory grows only with the set of paths seen, never with the rendered pages.
/// The app's endpoint pages are rendered for the paths <c>AddIsrPaths</c> lists, through the app's own pipeline.
/// </summary>
internal sealed class PrerenderRun(
    PageCatalog catalog,
    PageGenerator generator,
    PathMatcher matcher,
    IEnumerable<ListedPaths> listedPaths,
    IServiceScopeFactory scopes,
    PageLocales locales,
    GeneratorArguments arguments)
{
    /// <summary>After this many failed pages the run stops: the rest would most likely fail for the same reason.</summary>
    private const int MaxFailures = 20;

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
            GeneratorDiagnostics.Warning(GeneratorDiagnostics.NoPages, "AddIsr was called but the site has no IsrPage classes and no endpoint with [Isr] or WithIsr; nothing was prerendered.");
        }

        using var store = new PublishedStoreWriter(arguments.OutputDirectory, Guid.NewGuid().ToString("N"), TimeProvider.System.GetUtcNow());
        store.Locales = locales.Signature;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = arguments.MaxParallelism, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(EnumerateWorkAsync(pages, store, stop.Token), options, (work, token) => GenerateAsync(work, store, stop, token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            GeneratorDiagnostics.Message($"IsrBuild: stopped after {MaxFailures} failed pages.");
        }

        if (GeneratorDiagnostics.ErrorCount > 0)
        {
            return null;
        }

        var counts = store.Complete();
        _writer.Add(IsrManifest.FileName);
        _writer.Add(PageDatabase.PublishedFileName);
        AddCompiledTemplates();
        _writer.DeleteStaleFiles();

        return new PrerenderSummary(counts.Pages, counts.NotFound, counts.Redirects, store.Unchanged, _writer.Files.Count, _writer.Bytes, stopwatch.Elapsed);
    }

    public IReadOnlyCollection<string> Files => _writer.Files;

    /// <summary>The templates RazorLight compiled while rendering: shipped so the host need not compile them again.</summary>
    private void AddCompiledTemplates()
    {
        var folder = Path.Combine(arguments.OutputDirectory, CompiledTemplateFolders.FolderName);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            _writer.Add(CompiledTemplateFolders.FolderName + "/" + Path.GetFileName(file));
        }
    }

    private async IAsyncEnumerable<PathWork> EnumerateWorkAsync(
        IReadOnlyList<PageDescriptor> pages,
        PublishedStoreWriter store,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Path → the page that listed it: a page may list a path twice (Next.js tolerates it), two pages may not.
        var seen = new Dictionary<string, PageDescriptor>(StringComparer.Ordinal);
        foreach (var page in pages.Where(page => page.Endpoint is not null))
        {
            // Any path of an endpoint page that was not listed renders on its first request.
            store.AddRoute(page.Route.Template, page.Name, page.Template, FallbackMode.Blocking);
        }

        await foreach (var work in EnumerateListedAsync(seen, cancellationToken))
        {
            yield return work;
        }

        foreach (var page in pages.Where(page => page.Endpoint is null))
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

            store.AddRoute(page.Route.Template, page.Type.FullName!, page.Template, paths.Fallback);

            await foreach (var (listed, locale) in paths.EnumerateAsync(cancellationToken))
            {
                // A listed {id = "01"} is the page /posts/1, as a request for /posts/01 is: one page, one URL.
                var values = page.CanonicalPaths ? page.Route.CanonicalValues(listed) : listed;
                string routePath;
                try
                {
                    routePath = page.Route.BindPath(values);
                }
                catch (ArgumentException exception)
                {
                    Fail(GeneratorDiagnostics.InvalidPath, $"{page.Name}: {exception.Message}", null);
                    continue;
                }

                if (locale is not null && (!locales.IsEnabled || locales.Find(locale) is null))
                {
                    var known = locales.IsEnabled ? string.Join(", ", locales.All) : "none; set Isr:Locales and Isr:DefaultLocale";
                    Fail(GeneratorDiagnostics.InvalidPath, $"{page.Name}: the path '{routePath}' names the locale '{locale}', which is not one of the site's locales ({known}).", null);
                    continue;
                }

                foreach (var path in locales.KeysListed(routePath, locale, paths.EveryLocale))
                {
                    if (seen.TryGetValue(path, out var owner))
                    {
                        if (owner != page)
                        {
                            Fail(GeneratorDiagnostics.InvalidPath, $"{page.Name}: the path '{path}' is listed by {owner.Name} too; a path belongs to one page.", null);
                        }

                        continue;
                    }

                    seen[path] = page;
                    yield return new PathWork(page, path, values);
                }
            }
        }
    }

    /// <summary>The paths <c>AddIsrPaths</c> lists, each the canonical path of an endpoint page.</summary>
    private async IAsyncEnumerable<PathWork> EnumerateListedAsync(Dictionary<string, PageDescriptor> seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var list in listedPaths)
        {
            List<string> paths;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                paths = [.. await list.Read(scope.ServiceProvider, cancellationToken) ?? throw new InvalidOperationException("the delegate returned null.")];
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Fail(GeneratorDiagnostics.StaticPathsFailed, $"AddIsrPaths: reading the paths failed: {exception.GetType().Name}: {exception.Message}", null);
                continue;
            }

            foreach (var listed in paths)
            {
                if (string.IsNullOrEmpty(listed) || !listed.StartsWith('/') || listed.StartsWith("//", StringComparison.Ordinal) || listed.AsSpan().IndexOfAny('?', '#') >= 0)
                {
                    Fail(GeneratorDiagnostics.InvalidPath, $"AddIsrPaths lists '{listed}', which is not a local path: give paths such as '/about', without a query.", null);
                    continue;
                }

                var key = matcher.Canonical(PagePath.Normalize(listed));
                if (!matcher.TryMatch(key, out var page, out var values) || page.Endpoint is null)
                {
                    Fail(GeneratorDiagnostics.InvalidPath, $"AddIsrPaths lists '{listed}', but no endpoint with [Isr] or WithIsr answers that path.", null);
                    continue;
                }

                if (seen.TryAdd(key, page))
                {
                    yield return new PathWork(page, key, values);
                }
            }
        }
    }

    private async ValueTask GenerateAsync(PathWork work, PublishedStoreWriter store, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(arguments.PageTimeout);
        try
        {
            var result = await generator
                .GenerateAsync(work.Page, work.Path, work.RouteValues, GenerationReason.Publish, timeout.Token, store.FindUnchanged)
                .WaitAsync(arguments.PageTimeout, cancellationToken);
            store.Add(work.Path, work.Page.Route.Template, result);
        }
        catch (PageGenerationException exception) when (exception.InnerException is NotStoredException { SetsCookie: true })
        {
            // Never stored, so never prerendered: every visitor gets the app's own answer, cookie and all.
            GeneratorDiagnostics.Warning(GeneratorDiagnostics.SetsCookie, exception.Message);
        }
        catch (PageGenerationException exception)
        {
            var code = exception.Stage == GenerationStage.Render ? GeneratorDiagnostics.RenderFailed : GeneratorDiagnostics.StaticPropsFailed;
            Fail(code, exception.Message, exception);
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Fail(GeneratorDiagnostics.PageTimedOut, $"{work.Page.Name}: '{work.Path}' did not finish within {arguments.PageTimeout.TotalSeconds:0} s (IsrBuildPageTimeoutSeconds).", null);
        }
        catch (Exception exception) when (exception is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            Fail(GeneratorDiagnostics.OutputFailed, $"{work.Page.Name}: writing '{work.Path}' failed: {exception.Message}", null);
        }
        catch (UnauthorizedAccessException exception)
        {
            Fail(GeneratorDiagnostics.OutputFailed, $"{work.Page.Name}: writing '{work.Path}' failed: {exception.Message}", null);
        }

        if (Volatile.Read(ref _failures) >= MaxFailures)
        {
            await stop.CancelAsync();
        }
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
