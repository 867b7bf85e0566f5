using IsrBuild.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Manifest;

/// <summary>
/// The manifest publish wrote into the app's <c>isr</c> folder, read once at startup into a compact index. Without
/// one (a site run with <c>dotnet run</c>, say) every page renders on its first request.
/// </summary>
internal sealed class PublishedManifest(IHostEnvironment environment, ILogger<PublishedManifest> logger)
{
    /// <summary>The build id of a host that has no manifest.</summary>
    public const string UnpublishedBuildId = "unpublished";

    private ManifestIndex? _index;

    public string Folder { get; } = Path.Combine(environment.ContentRootPath, IsrManifest.FolderName);

    public string FilePath => Path.Combine(Folder, IsrManifest.FileName);

    public bool IsLoaded => _index is not null;

    public string BuildId => _index?.BuildId ?? UnpublishedBuildId;

    /// <summary>When publish wrote the pages: the time their intervals count from.</summary>
    public DateTimeOffset GeneratedAt => _index?.GeneratedAt ?? DateTimeOffset.MinValue;

    /// <exception cref="IsrManifestException">The manifest exists but is malformed.</exception>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            logger.ManifestMissing(FilePath);
            return;
        }

        // The index publish wrote beside the manifest is used only when it names the same build.
        var head = await ManifestReader.ReadHeadAsync(FilePath, cancellationToken);
        _index = ManifestIndexFile.TryRead(Path.Combine(Folder, ManifestIndexFile.FileName), head.BuildId)
            ?? await ManifestReader.ReadAsync(FilePath, cancellationToken);
        logger.ManifestLoaded(FilePath, _index.Pages.Count, _index.BuildId);
    }

    /// <summary>
    /// The fallback mode publish recorded for a route; a route publish did not see (or no manifest at all)
    /// renders on demand.
    /// </summary>
    public FallbackMode FallbackFor(string routeTemplate) =>
        _index is not null && _index.Fallbacks.TryGetValue(routeTemplate, out var mode) ? mode : FallbackMode.Blocking;

    public bool TryGetPage(string path, out PublishedPage page, out string route)
    {
        if (_index is not null && _index.Pages.TryGetValue(path, out page))
        {
            route = _index.RouteTemplates[page.RouteIndex];
            return true;
        }

        page = default;
        route = string.Empty;
        return false;
    }

    public ManifestRedirect? RedirectFor(string path) =>
        _index is not null && _index.Redirects.TryGetValue(path, out var redirect) ? redirect : null;

    public bool IsNotFound(string path) => _index is not null && _index.NotFound.Contains(path);

    /// <summary>Whether publish wrote anything for the path, which a later not-found must then hide.</summary>
    public bool HasEntry(string path) => _index is not null && (_index.Pages.ContainsKey(path) || _index.Redirects.ContainsKey(path));
}
