using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace IsrBuild;

/// <summary>A page's route template, parsed, and the binding of route values to the page's paths.</summary>
internal sealed class PageRoute
{
    public PageRoute(string template)
        : this(Rooted(template), RoutePatternFactory.Parse(Rooted(template)))
    {
    }

    /// <summary>
    /// A route read from an endpoint of the app's: its pattern as routing has it (with any required values a
    /// conventional route gives one action), named by <paramref name="template"/>.
    /// </summary>
    /// <param name="template">The route's name in the manifest and in messages: one per page.</param>
    /// <param name="pattern">The endpoint's pattern.</param>
    /// <param name="lowercaseLiterals">Whether the app writes its URLs in lower case (<c>RouteOptions.LowercaseUrls</c>), which its canonical paths then follow.</param>
    public PageRoute(string template, RoutePattern pattern, bool lowercaseLiterals = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        Template = template;
        Pattern = pattern;
        _lowercaseLiterals = lowercaseLiterals;
        _kinds = Pattern.Parameters.ToDictionary(parameter => parameter.Name, parameter => RouteValueForms.KindOf(Pattern, parameter), StringComparer.OrdinalIgnoreCase);
        _simpleSegments = Pattern.PathSegments.All(segment => segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart or RoutePatternParameterPart { IsCatchAll: false, IsOptional: false })
            ? [.. Pattern.PathSegments.Select(segment => segment.Parts[0] switch
            {
                RoutePatternLiteralPart literal => (PagePath.EscapeSegment(LiteralOf(literal)), RouteValueKind.Text),
                RoutePatternParameterPart parameter => ((string?)null, _kinds[parameter.Name]),
                _ => throw new InvalidOperationException(),
            })]
            : null;
    }

    private readonly Dictionary<string, RouteValueKind> _kinds;
    private readonly bool _lowercaseLiterals;

    /// <summary>Whether a conventional route gives this page's pattern required values (<c>controller = Home</c>), so several paths are its one page.</summary>
    public bool HasRequiredValues => RequiredValuesOf(Pattern).Any();

    /// <summary>
    /// The values a conventional route requires of its own parameters for this page (<c>controller = Home</c>);
    /// an attribute route's required values name no parameter of its pattern and take no part in matching.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> RequiredValuesOf(RoutePattern pattern) =>
        pattern.RequiredValues
            .Where(pair => pair.Value is string { Length: > 0 } && pattern.GetParameter(pair.Key) is not null)
            .Select(pair => KeyValuePair.Create(pair.Key, (string)pair.Value!));

    private static string Rooted(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        return template.StartsWith('/') ? template : "/" + template;
    }

    private string LiteralOf(RoutePatternLiteralPart literal) =>
        _lowercaseLiterals ? literal.Content.ToLowerInvariant() : literal.Content;

    /// <summary>For a route of plain segments (a literal, or one required parameter, each), each segment's literal or its parameter's kind; else <see langword="null"/>.</summary>
    private readonly (string? Literal, RouteValueKind Kind)[]? _simpleSegments;

    public string Template { get; }

    public RoutePattern Pattern { get; }

    /// <summary>
    /// The one path of <paramref name="values"/>: the route's own literal segments, and typed values
    /// (<see cref="RouteValueKind"/>) in their invariant form, so <c>/POSTS/01</c> is <c>/posts/1</c>.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="BindPath"/>.</exception>
    public string CanonicalPath(IReadOnlyDictionary<string, string> values) => BindPath(CanonicalValues(values));

    /// <summary><paramref name="values"/> with each typed value in its invariant form.</summary>
    public IReadOnlyDictionary<string, string> CanonicalValues(IReadOnlyDictionary<string, string> values)
    {
        Dictionary<string, string>? canonical = null;
        foreach (var (name, value) in values)
        {
            if (_kinds.TryGetValue(name, out var kind) && RouteValueForms.Canonical(kind, value) is var form && form != value)
            {
                canonical ??= new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
                canonical[name] = form;
            }
        }

        return canonical ?? values;
    }

    /// <summary>
    /// Whether <paramref name="path"/> (a key this route matched, without its locale) is surely the route's canonical
    /// spelling, checked without allocating; <see langword="false"/> means "build the canonical path and compare".
    /// </summary>
    public bool IsSurelyCanonical(ReadOnlySpan<char> path)
    {
        if (_simpleSegments is null)
        {
            return false;
        }

        var rest = path.Length > 0 && path[0] == '/' ? path[1..] : path;
        foreach (var (literal, kind) in _simpleSegments)
        {
            if (rest.IsEmpty)
            {
                return false;
            }

            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (literal is not null ? !segment.SequenceEqual(literal) : !RouteValueForms.IsCanonical(kind, segment))
            {
                return false;
            }
        }

        return rest.IsEmpty;
    }

    /// <summary>
    /// The path (a <see cref="PagePath"/> key) for <paramref name="values"/>, such as <c>/posts/42</c> for
    /// <c>{ id = 42 }</c>. A <c>/</c> in a value of a plain parameter stays inside its segment (<c>%2F</c>); a
    /// catch-all parameter's value spans segments.
    /// </summary>
    /// <exception cref="ArgumentException">A value is missing or would not make a safe, single path.</exception>
    public string BindPath(IReadOnlyDictionary<string, string> values)
    {
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            // Pieces of one segment; a catch-all's value may split it into several.
            var pieces = new List<StringBuilder> { new() };
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        pieces[^1].Append(PagePath.EscapeSegment(LiteralOf(literal)));
                        break;
                    case RoutePatternSeparatorPart separator:
                        pieces[^1].Append(PagePath.EscapeSegment(separator.Content));
                        break;
                    case RoutePatternParameterPart parameter when ValueOf(parameter, values) is { Length: > 0 } value:
                        var spans = parameter.IsCatchAll ? value.Split('/') : [value];
                        pieces[^1].Append(Validated(spans[0]));
                        foreach (var span in spans.Skip(1))
                        {
                            pieces.Add(new StringBuilder(Validated(span)));
                        }

                        break;
                }
            }

            foreach (var piece in pieces)
            {
                if (piece.Length > 0)
                {
                    var text = piece.ToString();
                    if (text is "." or "..")
                    {
                        throw new ArgumentException($"Route values for '{Template}' make a '.' or '..' path segment.");
                    }

                    path.Append('/').Append(text);
                }
            }
        }

        return PagePath.Normalize(path.Length == 0 ? "/" : path.ToString());
    }

    private string ValueOf(RoutePatternParameterPart parameter, IReadOnlyDictionary<string, string> values)
    {
        if (values.TryGetValue(parameter.Name, out var value) && value.Length > 0)
        {
            return value;
        }

        if (parameter.Default is { } defaultValue)
        {
            return Convert.ToString(defaultValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        if (parameter.IsOptional || parameter.IsCatchAll)
        {
            return string.Empty;
        }

        throw new ArgumentException($"Route '{Template}' needs a value for '{parameter.Name}'; the page's GetStaticPathsAsync must supply it.");
    }

    /// <summary>A value's text as it appears in a key segment: never empty, no control character, <c>%</c> and <c>/</c> encoded.</summary>
    private string Validated(string value)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException($"Route values for '{Template}' make an empty path segment.");
        }

        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"Route values for '{Template}' contain a control character.");
        }

        return PagePath.EscapeSegment(value);
    }
}
