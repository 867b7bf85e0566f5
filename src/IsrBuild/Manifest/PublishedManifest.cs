using IsrBuild.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Manifest;

/// <summary>
/// The manifest publish wrote into the app's <c>isr</c> folder, read once at startup. Without one (a site run
/// with <c>dotnet run</c>, say) every page renders on its first request.
/// </summary>
internal sealed class PublishedManifest(IHostEnvironment environment, ILogger<PublishedManifest> logger)
{
    /// <summary>The build id of a host that has no manifest.</summary>
    public const string UnpublishedBuildId = "unpublished";

    private HashSet<string> _notFound = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.Combine(environment.ContentRootPath, IsrManifest.FolderName);

    public IsrManifest? Manifest { get; private set; }

    public string BuildId => Manifest?.BuildId ?? UnpublishedBuildId;

    /// <exception cref="IsrManifestException">The manifest exists but is malformed.</exception>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, IsrManifest.FileName);
        if (!File.Exists(path))
        {
            logger.ManifestMissing(path);
            return;
        }

        var manifest = await ManifestFileStore.ReadAsync(path, cancellationToken);
        _notFound = new HashSet<string>(manifest.NotFound, StringComparer.Ordinal);
        Manifest = manifest;
        logger.ManifestLoaded(path, manifest.Pages.Count, manifest.BuildId);
    }

    /// <summary>
    /// The fallback mode publish recorded for a route; a route publish did not see (or no manifest at all)
    /// renders on demand.
    /// </summary>
    public FallbackMode FallbackFor(string routeTemplate) =>
        Manifest is not null && Manifest.Routes.TryGetValue(routeTemplate, out var route) && FallbackNames.Parse(route.Fallback) is { } mode
            ? mode
            : FallbackMode.Blocking;

    public ManifestPage? PageFor(string path) =>
        Manifest is not null && Manifest.Pages.TryGetValue(path, out var page) ? page : null;

    public ManifestRedirect? RedirectFor(string path) =>
        Manifest is not null && Manifest.Redirects.TryGetValue(path, out var redirect) ? redirect : null;

    public bool IsNotFound(string path) => _notFound.Contains(path);

    /// <summary>Whether publish wrote anything for the path, which a later not-found must then hide.</summary>
    public bool HasEntry(string path) => PageFor(path) is not null || RedirectFor(path) is not null;
}
