using System.Collections.Concurrent;

namespace IsrBuild.Testing;

/// <summary>
/// The data behind the test pages: what each slug's static props return, how often they were called, and a gate
/// a test can close to hold generations in flight.
/// </summary>
public sealed class TestBackend
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _gate = Open();

    public ConcurrentDictionary<string, string> Titles { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>Unpublished titles by slug, which only a render in draft mode reads.</summary>
    public ConcurrentDictionary<string, string> Drafts { get; } = new(StringComparer.Ordinal);

    /// <summary>Slugs missing in one locale only, as <c>locale:slug</c>.</summary>
    public ConcurrentDictionary<string, bool> MissingIn { get; } = new(StringComparer.Ordinal);

    public int? RevalidateSeconds { get; set; } = 10;

    /// <summary>The interval a not-found answer carries; <see langword="null"/> drops the page for good.</summary>
    public int? NotFoundRevalidateSeconds { get; set; }

    /// <summary>The status code of a redirect answer.</summary>
    public int RedirectStatusCode { get; set; } = 308;

    /// <summary>The interval a redirect answer carries; <see langword="null"/> keeps it until revalidated on demand.</summary>
    public int? RedirectRevalidateSeconds { get; set; }

    public int Calls(string slug) => _calls.GetValueOrDefault(slug);

    /// <summary>When each static-props call began (<see cref="System.Diagnostics.Stopwatch"/> timestamps), in order.</summary>
    public ConcurrentQueue<long> CallTimes { get; } = new();

    /// <summary>Slugs whose endpoint page sets a cookie in its answer.</summary>
    public ConcurrentDictionary<string, bool> SetsCookie { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads a slug's title as an endpoint of the app's does: counted, held at the gate, throwing when failing;
    /// <see langword="null"/> when there is none.
    /// </summary>
    public async Task<string?> ReadTitleAsync(string slug, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(slug, 1, (_, count) => count + 1);
        Titles.TryGetValue(slug, out var title);
        await _gate.Task.WaitAsync(cancellationToken);
        if (Failing.GetValueOrDefault(slug))
        {
            throw new InvalidOperationException($"The backend is down for {slug}.");
        }

        return title;
    }

    public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OpenGate() => _gate.TrySetResult();

    /// <summary>
    /// Reads the slug's data, then waits at the gate: a held generation has already read what it renders. A title
    /// names the locale it was rendered in, and a draft render reads the draft title and shows the draft data.
    /// </summary>
    public async Task<StaticProps> GetPropsAsync(string slug, StaticPropsContext context, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(slug, 1, (_, count) => count + 1);
        CallTimes.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        var failing = Failing.GetValueOrDefault(slug);
        Redirects.TryGetValue(slug, out var destination);
        Titles.TryGetValue(slug, out var title);
        if (context.IsDraft && Drafts.TryGetValue(slug, out var draft))
        {
            title = context.DraftData is null ? draft : $"{draft} ({context.DraftData})";
        }

        if (context.Locale is { } locale)
        {
            title = MissingIn.ContainsKey($"{locale}:{slug}") ? null : title is null ? null : $"{title} [{locale}]";
        }

        await _gate.Task.WaitAsync(cancellationToken);
        if (failing)
        {
            throw new InvalidOperationException($"The backend is down for {slug}.");
        }

        if (destination is not null)
        {
            return StaticProps.Redirect(destination, RedirectStatusCode, Interval(RedirectRevalidateSeconds));
        }

        if (title is null)
        {
            return StaticProps.NotFound(Interval(NotFoundRevalidateSeconds));
        }

        var revalidate = RevalidateSeconds is { } seconds ? Revalidate.AfterSeconds(seconds) : Revalidate.Never;
        return StaticProps.Page(new ItemModel(slug, title), revalidate, [$"item:{slug}", "items"]);
    }

    private static Revalidate Interval(int? seconds) => seconds is { } value ? Revalidate.AfterSeconds(value) : Revalidate.Never;

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
