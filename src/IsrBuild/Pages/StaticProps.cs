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

    private StaticProps(StaticPropsKind kind, object? model, Revalidate revalidate, IReadOnlyList<string> tags, string? destination, bool permanent)
    {
        Kind = kind;
        Model = model;
        Revalidate = revalidate;
        Tags = tags;
        RedirectDestination = destination;
        IsPermanentRedirect = permanent;
    }

    /// <summary>Whether this is a page, a not-found or a redirect.</summary>
    public StaticPropsKind Kind { get; }

    /// <summary>The model passed to the page's template; <see langword="null"/> unless <see cref="Kind"/> is <see cref="StaticPropsKind.Page"/>.</summary>
    public object? Model { get; }

    /// <summary>How long the generated page stays fresh.</summary>
    public Revalidate Revalidate { get; }

    /// <summary>The tags on-demand revalidation can address this page by, such as <c>post:42</c>.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Where a redirect points: a local path or an absolute URL.</summary>
    public string? RedirectDestination { get; }

    /// <summary>Whether a redirect is permanent (308) rather than temporary (307).</summary>
    public bool IsPermanentRedirect { get; }

    /// <summary>A page rendered from <paramref name="model"/>.</summary>
    /// <param name="model">The template's model.</param>
    /// <param name="revalidate">How long the page stays fresh; <see cref="Revalidate.Never"/> for on-demand only.</param>
    /// <param name="tags">Tags for on-demand revalidation: at most 128, none empty or over 256 characters.</param>
    /// <exception cref="ArgumentException">A tag is empty, too long, or there are too many.</exception>
    public static StaticProps Page(object model, Revalidate revalidate, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new StaticProps(StaticPropsKind.Page, model, revalidate, ValidateTags(tags), null, false);
    }

    /// <summary>The path does not exist: the host answers 404 and drops any page it had cached for it.</summary>
    public static StaticProps NotFound() => new(StaticPropsKind.NotFound, null, Revalidate.Never, [], null, false);

    /// <summary>The path redirects to <paramref name="destination"/>.</summary>
    /// <param name="destination">A local path (<c>/posts/2</c>) or an absolute http(s) URL.</param>
    /// <param name="permanent">308 when <see langword="true"/>, otherwise 307.</param>
    /// <exception cref="ArgumentException">The destination is empty or neither a local path nor an absolute URL.</exception>
    public static StaticProps Redirect(string destination, bool permanent = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var isLocal = destination.StartsWith('/') && !destination.StartsWith("//", StringComparison.Ordinal);
        var isAbsolute = Uri.TryCreate(destination, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        if (!isLocal && !isAbsolute)
        {
            throw new ArgumentException($"A redirect destination must be a local path or an absolute http(s) URL, not '{destination}'.", nameof(destination));
        }

        return new StaticProps(StaticPropsKind.Redirect, null, Revalidate.Never, [], destination, permanent);
    }

    private static string[] ValidateTags(IEnumerable<string>? tags)
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
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength)
            {
                throw new ArgumentException($"A tag must be 1 to {MaxTagLength} characters and not blank; got '{tag}'.", nameof(tags));
            }
        }

        return list;
    }
}
