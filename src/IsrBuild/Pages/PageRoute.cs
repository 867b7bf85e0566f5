using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace IsrBuild;

/// <summary>A page's route template, parsed, and the binding of route values to the page's paths.</summary>
internal sealed class PageRoute
{
    public PageRoute(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        Template = template.StartsWith('/') ? template : "/" + template;
        Pattern = RoutePatternFactory.Parse(Template);
    }

    public string Template { get; }

    public RoutePattern Pattern { get; }

    public bool HasParameters => Pattern.Parameters.Count > 0;

    /// <summary>The path for <paramref name="values"/>, such as <c>/posts/42</c> for <c>{ id = 42 }</c>.</summary>
    /// <exception cref="ArgumentException">A value is missing or would not make a safe, single path.</exception>
    public string BindPath(IReadOnlyDictionary<string, string> values)
    {
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        text.Append(ValueOf(parameter, values));
                        break;
                }
            }

            if (text.Length == 0)
            {
                continue;
            }

            foreach (var piece in text.ToString().Split('/'))
            {
                ValidateSegment(piece);
                path.Append('/').Append(piece);
            }
        }

        return PagePath.Normalize(path.Length == 0 ? "/" : path.ToString());
    }

    private string ValueOf(RoutePatternParameterPart parameter, IReadOnlyDictionary<string, string> values)
    {
        if (values.TryGetValue(parameter.Name, out var value) && value.Length > 0)
        {
            if (!parameter.IsCatchAll && value.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Route value '{parameter.Name}' of route '{Template}' contains '/', which only a catch-all parameter ({{*{parameter.Name}}}) may hold: '{value}'.");
            }

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

    private void ValidateSegment(string segment)
    {
        if (segment.Length == 0 || segment is "." or "..")
        {
            throw new ArgumentException($"Route values for '{Template}' make an empty, '.' or '..' path segment.");
        }

        foreach (var c in segment)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Route values for '{Template}' contain a control character.");
            }
        }
    }
}
