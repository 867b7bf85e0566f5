namespace IsrBuild;

/// <summary>
/// What a page that is an endpoint of the app says about itself while it renders, as Next.js 16's <c>cacheTag</c>
/// and <c>cacheLife</c> do: tags for revalidating by tag, and its interval. Reached through
/// <c>HttpContext.Isr()</c> from a page handler, a controller action, or a component's
/// <c>[CascadingParameter] HttpContext</c>. Outside an ISR render (development mode, draft mode, a page without
/// <see cref="IsrAttribute"/>) the calls are accepted and have no effect.
/// </summary>
public sealed class IsrRender
{
    private readonly List<string> _tags = [];

    internal IsrRender(bool isActive) => IsActive = isActive;

    /// <summary>Whether this request is an ISR render, whose answer is stored and served to everyone.</summary>
    public bool IsActive { get; }

    /// <summary>The tags added so far.</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>The interval set in the render, or <see langword="null"/> to keep the page's own (<see cref="IsrAttribute.RevalidateSeconds"/>).</summary>
    public Revalidate? Interval { get; private set; }

    /// <summary>Adds tags to this page, such as <c>post:42</c>, so that revalidating one of them refreshes it.</summary>
    /// <param name="tags">Tags: at most 128 per page, each 1 to 256 characters, without control characters.</param>
    /// <exception cref="ArgumentException">A tag is blank, too long or holds a control character.</exception>
    public IsrRender Tag(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (StaticProps.ProblemWithTag(tag) is { } problem)
            {
                throw new ArgumentException(problem, nameof(tags));
            }

            if (!_tags.Contains(tag, StringComparer.Ordinal))
            {
                _tags.Add(tag);
            }
        }

        return this;
    }

    /// <summary>Sets this page's interval: regenerated in the background once older than <paramref name="seconds"/>.</summary>
    /// <param name="seconds">A positive number of seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is zero or negative.</exception>
    public IsrRender Revalidate(int seconds) => Revalidate(IsrBuild.Revalidate.AfterSeconds(seconds));

    /// <summary>Sets this page's interval, or <see cref="IsrBuild.Revalidate.Never"/> to regenerate it only on demand.</summary>
    public IsrRender Revalidate(Revalidate interval)
    {
        Interval = interval;
        return this;
    }
}
