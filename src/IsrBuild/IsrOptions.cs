using System.Reflection;

namespace IsrBuild;

/// <summary>
/// IsrBuild's options, bound from the configuration section <c>Isr</c> (so <c>Isr__TemplateFolder</c> works as an
/// environment variable) and then from the delegate given to <c>AddIsr</c>.
/// </summary>
public sealed class IsrOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Isr";

    /// <summary>The caches in front of the host that are purged whenever a page changes (<c>Isr:EdgePurge</c>).</summary>
    public EdgePurgeOptions EdgePurge { get; set; } = new();

    /// <summary>
    /// Development mode, as <c>next dev</c>: every page request runs static paths and static props and renders fresh,
    /// templates are read as they are edited, and nothing is read from or written to memory, the stores or other
    /// hosts. <see langword="null"/> (the default) turns it on in the Development environment only;
    /// <see langword="false"/> forces it off, to try ISR locally; <see langword="true"/> forces it on.
    /// </summary>
    public bool? DevelopmentMode { get; set; }

    /// <summary>Whether development mode is on in <paramref name="environment"/>: the one rule for every part that asks.</summary>
    internal bool IsDevelopmentMode(Microsoft.Extensions.Hosting.IHostEnvironment environment) =>
        DevelopmentMode ?? Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment);

    /// <summary>
    /// The folder, relative to the content root, that holds the RazorLight templates. Default <c>IsrTemplates</c>;
    /// it must match the <c>IsrBuildTemplateFolder</c> MSBuild property, which copies it to the publish output.
    /// </summary>
    public string TemplateFolder { get; set; } = "IsrTemplates";

    /// <summary>
    /// The writable folder regenerated pages are kept in, so they survive a restart; relative paths are resolved
    /// against the content root. Default <c>isr-cache</c>. Point it outside the app folder when that is read-only.
    /// </summary>
    public string CacheDirectory { get; set; } = "isr-cache";

    /// <summary>The folder of <see cref="CacheDirectory"/> that holds what the host keeps for one build.</summary>
    internal string BuildCacheFolder(string contentRoot, string buildId) =>
        Path.GetFullPath(Path.Combine(contentRoot, CacheDirectory, buildId));

    /// <summary>The file of the invalidations, beside the builds' folders: they hold for every build.</summary>
    internal string InvalidationFile(string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, CacheDirectory, "invalidations.db"));

    /// <summary>
    /// The most bytes one build's store of regenerated pages holds; past it the oldest are evicted (the prerendered
    /// page serves again, until its next regeneration). Unset (the default): the published store's size and a quarter
    /// more, plus 1 GiB, so a revalidation of every page can keep a regenerated copy of each (an evicted one would fall
    /// back to its invalidated prerendered copy and regenerate again), with 1 GiB for pages first rendered at run
    /// time. At least 1 MiB when set.
    /// </summary>
    public long? MaxCacheDirectoryBytes { get; set; }

    /// <summary>
    /// The cap of a build's regenerated pages, given the size of what publish wrote. A regenerated row is counted in
    /// whole database pages (a 15 KB post as 16 KiB), publish's file packs them: at 1,000,000 posts the regenerated
    /// copies came to 16.4 GB against a published store of 14.9 GB, and a cap of the published size plus 1 GiB
    /// evicted pages of a set of every post while it ran (bench/RESULTS.md).
    /// </summary>
    internal long RegeneratedBytesFor(long publishedBytes) => MaxCacheDirectoryBytes ?? publishedBytes + publishedBytes / 4 + (1L << 30);

    /// <summary>
    /// How many builds keep their regenerated pages (the cache directory's folder per build, and with IsrBuild.Redis
    /// the shared pages), newest first: rolling back to a recent build gets its regenerated pages back; older
    /// builds' are deleted at startup. Default 3; 1 to 100.
    /// </summary>
    public int KeepBuilds { get; set; } = 3;

    /// <summary>
    /// The most bytes of pages held in memory, in front of the page stores; only the representations clients ask for
    /// are held. Default 128 MiB (chosen by measurement, bench/RESULTS.md: every page of a 10,000-page site in one
    /// encoding; past that, pages are read from the store, which costs a fraction of a request); at least 1 MiB.
    /// </summary>
    public long MemoryCacheBytes { get; set; } = 128L << 20;

    /// <summary>
    /// Next.js's <c>expireTime</c>: how long, in seconds, a CDN may serve a page at all. <c>Cache-Control</c> is
    /// <c>s-maxage=&lt;interval&gt;, stale-while-revalidate=&lt;this − interval&gt;</c>, and <c>s-maxage=&lt;this&gt;</c>
    /// for an answer never revalidated on an interval. Default a year (31,536,000); 1 to 31,536,000.
    /// </summary>
    public int ExpireSeconds { get; set; } = 31_536_000;

    /// <summary>
    /// A response header that carries a page's tags for a CDN to purge by: <c>Surrogate-Key</c> (Fastly) or <c>xkey</c>
    /// (Varnish), space-separated; <c>Cache-Tag</c> (Cloudflare), <c>Edge-Cache-Tag</c> (Akamai) or any other,
    /// comma-separated. <see langword="null"/> (the default) sends none: tags can name internal things, and not every
    /// CDN strips the header before the visitor. Purge with an <see cref="IIsrCdnPurger"/>.
    /// </summary>
    public string? CdnTagHeader { get; set; }

    /// <summary>
    /// Next.js's <c>trailingSlash</c>: <see langword="false"/> (the default) makes <c>/posts/1</c> the canonical URL of
    /// a page and answers <c>/posts/1/</c> with a 308 to it; <see langword="true"/> the other way round. Either way one
    /// page is cached once, under one URL.
    /// </summary>
    public bool TrailingSlash { get; set; }

    /// <summary>
    /// Next.js's <c>i18n.locales</c>: the locales the site's pages are generated in, such as <c>en</c>, <c>fr</c>,
    /// <c>de-CH</c>. Empty (the default) turns locales off. A non-default locale's pages are served under its prefix
    /// (<c>/fr/posts/1</c>); the default locale's without one (<c>/posts/1</c>, and <c>/en/posts/1</c> is the same
    /// page). Bound from <c>Isr:Locales:0</c>, <c>Isr:Locales:1</c>...
    /// </summary>
    public IList<string> Locales { get; set; } = [];

    /// <summary>Next.js's <c>i18n.defaultLocale</c>: one of <see cref="Locales"/>, served without a prefix.</summary>
    public string? DefaultLocale { get; set; }

    /// <summary>
    /// Next.js's <c>i18n.localeDetection</c>: whether a request for the root (<c>/</c>, without a locale prefix) is
    /// redirected (307) to the locale its <c>Accept-Language</c> prefers, when that is not the default one. Default
    /// <see langword="true"/>, as in Next.js. Every other path ignores the header.
    /// </summary>
    public bool LocaleDetection { get; set; } = true;

    /// <summary>
    /// Next.js's <c>basePath</c>: the path prefix the site lives under, such as <c>/docs</c>. IsrBuild's pages and
    /// routes answer only beneath it (IsrBuild strips it, as <c>UsePathBase</c> does, before routing); a page route
    /// outside it answers 404. <see langword="null"/> (the default): the site is at the root.
    /// </summary>
    public string? BasePath { get; set; }

    /// <summary>
    /// How long, in seconds, draft mode stays on in a browser after the draft route turned it on: the cookie and its
    /// signed content expire together. Default 3600; 60 to 604,800 (a week).
    /// </summary>
    public int DraftModeSeconds { get; set; } = 3600;

    /// <summary>Seconds one regeneration may take before it is abandoned and the last good page kept. Default 60; 1 to 3600.</summary>
    public int RegenerationTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Renders run at once: first-request renders and background regenerations share this limit (on-demand
    /// revalidation has its own, <see cref="MaxConcurrentTagRegenerations"/>). 0 (the default) means one per processor.
    /// </summary>
    public int MaxConcurrentRegenerations { get; set; }

    /// <summary>
    /// Stale pages waiting for a background regeneration; past it a stale page is still served and is queued by a
    /// later request. Default 1024; 1 to 1,000,000.
    /// </summary>
    public int RegenerationQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Seconds a 404 for a path that was never generated is remembered in memory, so repeated requests for a
    /// missing path do not call static props each time; and how long an endpoint page whose render gave nothing to store
    /// (a cookie, another status) is left to the app's own endpoint before IsrBuild tries to render it again. Never
    /// written to disk. Default 60; 1 to 86400.
    /// </summary>
    public int NotFoundCacheSeconds { get; set; } = 60;

    /// <summary>
    /// User-agent substrings (case-insensitive) of crawlers, which get a blocking render instead of the fallback
    /// rendering of a <see cref="FallbackMode.Background"/> page. Default: the list Next.js 15 uses.
    /// </summary>
    public IList<string> CrawlerUserAgents { get; set; } =
    [
        "Googlebot", "Google-PageRenderer", "AdsBot-Google", "googleweblight", "Storebot-Google", "Mediapartners-Google",
        "Slurp", "DuckDuckBot", "baiduspider", "yandex", "sogou", "bitlybot", "tumblr", "vkShare", "quora link preview",
        "redditbot", "ia_archiver", "Bingbot", "BingPreview", "applebot", "facebookexternalhit", "facebookcatalog",
        "Twitterbot", "LinkedInBot", "Slackbot", "Discordbot", "WhatsApp", "SkypeUriPreview", "Yeti",
    ];

    /// <summary>
    /// The secret the revalidate route requires, as <c>?secret=</c> or <c>Authorization: Bearer</c>. Without one
    /// the route is off (404) and startup logs a warning; one shorter than 32 characters logs a warning too.
    /// Set it from the environment (<c>Isr__RevalidateSecret</c>) or a secret store, never in appsettings.json.
    /// </summary>
    public string? RevalidateSecret { get; set; }

    /// <summary>The path of the revalidate route. Default <c>/api/revalidate</c>.</summary>
    public string RevalidatePath { get; set; } = "/api/revalidate";

    /// <summary>The most paths and tags one revalidate call may name together. Default 100; 1 to 10,000.</summary>
    public int MaxRevalidateItems { get; set; } = 100;

    /// <summary>
    /// Whether a revalidate call may only refresh paths that were already generated (Next.js
    /// <c>unstable_onlyGenerated</c>); a never-generated path is then skipped. Default <see langword="false"/>: a
    /// never-generated path of a <c>blocking</c> or <c>true</c> page is generated.
    /// </summary>
    public bool RevalidateOnlyGenerated { get; set; }

    /// <summary>Pages regenerated at once for one tag revalidation; 0 (the default) means one per processor.</summary>
    public int MaxConcurrentTagRegenerations { get; set; }

    /// <summary>
    /// How many stale pages this host regenerates per second at most, those a revalidation left to the background
    /// and those visitors found stale alike, to protect the site's data source from a site-wide change. Past it, a
    /// regeneration waits its turn while the stale page keeps being served. Unset (the default): no cap; 1 to
    /// 1,000,000. First renders have their own ceiling (<see cref="MaxFirstRendersPerSecond"/>); on-demand
    /// regenerations the caller waits for are not capped.
    /// </summary>
    public int? MaxRegenerationsPerSecond { get; set; }

    /// <summary>
    /// The most pages a revalidate call in the default mode (<c>now</c>) regenerates before it answers. A call whose
    /// tags and prefixes match more marks them stale at once, answers <c>202 Accepted</c>, and regenerates them in the
    /// background, a page at a time at <see cref="MaxConcurrentTagRegenerations"/>. Default 1,000: about what the
    /// sample regenerates in a few seconds on 2 cores (500 pages took 1.3 s, bench/RESULTS.md); 1 to 1,000,000.
    /// </summary>
    public int MaxRevalidateNowPages { get; set; } = 1000;

    /// <summary>What a concurrency option of 0 means: one per processor.</summary>
    internal static int ConcurrencyOf(int configured) => configured > 0 ? configured : Environment.ProcessorCount;

    /// <summary>
    /// Failed authentications a client may make per minute on the revalidate and draft routes; past them its failed
    /// attempts get 429. A correct secret is always admitted, so nobody locks the CMS out by failing. The client is
    /// the connection's remote address: behind a proxy, call <c>app.UseForwardedHeaders()</c> so it is the caller's
    /// address the proxy forwards. Default 10; 1 to 10,000.
    /// </summary>
    public int RevalidateFailuresPerMinute { get; set; } = 10;

    /// <summary>
    /// The host an endpoint page (<see cref="IsrAttribute"/>) renders for: the <c>Host</c> of the request of its own it
    /// renders on, at publish and at run time alike, over <c>https</c>. Set it to the site's host name when the page
    /// prints absolute URLs. Default <c>localhost</c>.
    /// </summary>
    public string RenderHost { get; set; } = "localhost";

    /// <summary>
    /// How many paths never generated before (fallback <c>blocking</c> or <c>true</c>) this host renders per second at
    /// most; a request for another such path past it gets <c>503</c> with <c>Retry-After: 1</c>, at once. Known pages,
    /// and further requests for a path whose first render is under way, are never counted. Bounds what a flood of new
    /// ids costs the site's database and the store. Default 100; 0 for no ceiling; 0 to 1,000,000.
    /// </summary>
    public int MaxFirstRendersPerSecond { get; set; } = 100;

    /// <summary>
    /// Whether a request for another spelling of a page's path (<c>/POSTS/1</c>, <c>/posts/01</c>) answers a 308 to
    /// its one canonical path (<see cref="IsrPage.RedirectsToCanonicalPath"/>), and revalidate calls and publish read
    /// it as that path. Default <see langword="true"/>.
    /// </summary>
    public bool CanonicalPaths { get; set; } = true;

    /// <summary>
    /// The page classes of the site. When empty (the default), every concrete <see cref="IsrPage"/> in the
    /// application's assembly is a page.
    /// </summary>
    public IList<Type> Pages { get; } = [];

    /// <summary>Registers <typeparamref name="TPage"/> as a page.</summary>
    public IsrOptions AddPage<TPage>() where TPage : IsrPage => AddPage(typeof(TPage));

    /// <summary>Registers <paramref name="pageType"/> as a page.</summary>
    /// <exception cref="ArgumentException">The type is not a concrete <see cref="IsrPage"/>.</exception>
    public IsrOptions AddPage(Type pageType)
    {
        ArgumentNullException.ThrowIfNull(pageType);
        if (!IsPageType(pageType))
        {
            throw new ArgumentException($"{pageType.FullName} is not a concrete class deriving from {nameof(IsrPage)}.", nameof(pageType));
        }

        Pages.Add(pageType);
        return this;
    }

    /// <summary>Registers every concrete <see cref="IsrPage"/> in <paramref name="assembly"/>.</summary>
    public IsrOptions AddPagesFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(IsPageType))
        {
            Pages.Add(type);
        }

        return this;
    }

    internal static bool IsPageType(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IsrPage).IsAssignableFrom(type);
}
