namespace IsrBuild;

/// <summary>
/// The result of <see cref="IsrPage.GetStaticPropsAsync"/> (Next.js <c>getStaticProps</c>): a model to render with
/// its revalidate interval and tags, or not-found, or a redirect.
/// </summary>
public sealed class StaticProps
{
    /// <summary>The most tags one page may carry (the Next.js limit).</summary>
    public const int MaxTags = 128;

    /// <summary>The longest tag, in characters (the Next.js limit).</summary>
    public const int MaxTagLength = 256;

    private StaticProps(StaticPropsKind kind, object? model, Revalidate revalidate, IReadOnlyList<string> tags, string? destination, int statusCode)
    {
        Kind = kind;
        Model = model;
        Revalidate = revalidate;
        Tags = tags;
        RedirectDestination = destination;
        RedirectStatusCode = statusCode;
    }

    /// <summary>Whether this is a page, a not-found or a redirect.</summary>
    public StaticPropsKind Kind { get; }

    /// <summary>The model passed to the page's template; <see langword="null"/> unless <see cref="Kind"/> is <see cref="StaticPropsKind.Page"/>.</summary>
    public object? Model { get; }

    /// <summary>
    /// How long the answer stays fresh: for a page, a not-found or a redirect alike (Next.js allows
    /// <c>revalidate</c> beside <c>notFound</c> and <c>redirect</c>). After it, static props are asked again.
    /// </summary>
    public Revalidate Revalidate { get; }

    /// <summary>The tags on-demand revalidation can address this page by, such as <c>post:42</c>.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Where a redirect points: a local path or an absolute URL.</summary>
    public string? RedirectDestination { get; }

    /// <summary>A redirect's status code: 301, 302, 303, 307 or 308; 0 unless <see cref="Kind"/> is <see cref="StaticPropsKind.Redirect"/>.</summary>
    public int RedirectStatusCode { get; }

    /// <summary>Whether a redirect is permanent (301 or 308) rather than temporary.</summary>
    public bool IsPermanentRedirect => RedirectStatusCode is 301 or 308;

    /// <summary>A page rendered from <paramref name="model"/>.</summary>
    /// <param name="model">The template's model.</param>
    /// <param name="revalidate">How long the page stays fresh; <see cref="Revalidate.Never"/> for on-demand only.</param>
    /// <param name="tags">Tags for on-demand revalidation: at most 128, none empty or over 256 characters.</param>
    /// <exception cref="ArgumentException">A tag is empty, too long, or there are too many.</exception>
    public static StaticProps Page(object model, Revalidate revalidate, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new StaticProps(StaticPropsKind.Page, model, revalidate, ValidateTags(tags), null, 0);
    }

    /// <summary>
    /// The path does not exist: the host answers 404 and drops any page it had cached for it, for good (until an
    /// on-demand revalidation), as Next.js does for <c>notFound: true</c> without <c>revalidate</c>.
    /// </summary>
    public static StaticProps NotFound() => NotFound(Revalidate.Never);

    /// <summary>
    /// The path does not exist now: a 404, and static props are asked again once <paramref name="revalidate"/> has
    /// passed, so the page appears when its data does (Next.js <c>notFound: true</c> with <c>revalidate</c>).
    /// </summary>
    /// <param name="revalidate">When to ask again; <see cref="Revalidate.Never"/> drops the page for good.</param>
    public static StaticProps NotFound(Revalidate revalidate) => new(StaticPropsKind.NotFound, null, revalidate, [], null, 0);

    /// <summary>The path redirects to <paramref name="destination"/>, for good (until an on-demand revalidation).</summary>
    /// <param name="destination">A local path (<c>/posts/2</c>) or an absolute http(s) URL.</param>
    /// <param name="permanent">308 when <see langword="true"/>, otherwise 307.</param>
    /// <exception cref="ArgumentException">The destination is empty or neither a local path nor an absolute URL.</exception>
    public static StaticProps Redirect(string destination, bool permanent = false) =>
        Redirect(destination, permanent ? 308 : 307, Revalidate.Never);

    /// <summary>The path redirects to <paramref name="destination"/> until static props, asked again after <paramref name="revalidate"/>, say otherwise.</summary>
    /// <param name="destination">A local path (<c>/posts/2</c>) or an absolute http(s) URL.</param>
    /// <param name="permanent">308 when <see langword="true"/>, otherwise 307.</param>
    /// <param name="revalidate">When to ask static props again.</param>
    /// <exception cref="ArgumentException">The destination is empty or neither a local path nor an absolute URL.</exception>
    public static StaticProps Redirect(string destination, bool permanent, Revalidate revalidate) =>
        Redirect(destination, permanent ? 308 : 307, revalidate);

    /// <summary>The path redirects to <paramref name="destination"/> with <paramref name="statusCode"/> (Next.js <c>redirect.statusCode</c>).</summary>
    /// <param name="destination">A local path (<c>/posts/2</c>) or an absolute http(s) URL.</param>
    /// <param name="statusCode">301, 302, 303, 307 or 308.</param>
    /// <param name="revalidate">When to ask static props again; <see cref="Revalidate.Never"/> (the default) for only on demand.</param>
    /// <exception cref="ArgumentException">The destination is not a local path nor an absolute URL.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The status code is not a redirect Next.js allows.</exception>
    public static StaticProps Redirect(string destination, int statusCode, Revalidate revalidate = default)
    {
        if (statusCode is not (301 or 302 or 303 or 307 or 308))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A redirect's status code must be 301, 302, 303, 307 or 308.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var isLocal = destination.StartsWith('/') && !destination.StartsWith("//", StringComparison.Ordinal);
        var isAbsolute = Uri.TryCreate(destination, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        if (!isLocal && !isAbsolute)
        {
            throw new ArgumentException($"A redirect destination must be a local path or an absolute http(s) URL, not '{destination}'.", nameof(destination));
        }

        return new StaticProps(StaticPropsKind.Redirect, null, revalidate, [], destination, statusCode);
    }

    internal static string[] ValidateTags(IEnumerable<string>? tags)
    {
        if (tags is null)
        {
            return [];
        }

        var list = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (list.Length > MaxTags)
        {
            throw new ArgumentException($"A page may carry at most {MaxTags} tags; it has {list.Length}.", nameof(tags));
        }

        foreach (var tag in list)
        {
            if (ProblemWithTag(tag) is { } problem)
            {
                throw new ArgumentException(problem, nameof(tags));
            }
        }

        return list;
    }

    /// <summary>Why <paramref name="tag"/> cannot be a tag, or <see langword="null"/> when it can: the one rule for pages and revalidate calls.</summary>
    internal static string? ProblemWithTag(string? tag) =>
        string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength || tag.Any(char.IsControl)
            ? $"A tag must be 1 to {MaxTagLength} characters, not blank and without control characters; got '{tag}'."
            : null;
}
