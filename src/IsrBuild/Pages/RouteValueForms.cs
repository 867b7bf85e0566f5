using System.Globalization;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Patterns;

namespace IsrBuild;

/// <summary>The canonical spelling of typed route values, in the invariant culture.</summary>
internal static class RouteValueForms
{
    public static RouteValueKind KindOf(RoutePattern pattern, RoutePatternParameterPart parameter)
    {
        if (!pattern.ParameterPolicies.TryGetValue(parameter.Name, out var policies))
        {
            return RouteValueKind.Text;
        }

        foreach (var policy in policies)
        {
            var name = policy.Content is { } content ? content.Split('(')[0] : policy.ParameterPolicy switch
            {
                IntRouteConstraint or LongRouteConstraint or MinRouteConstraint or MaxRouteConstraint or RangeRouteConstraint => "long",
                GuidRouteConstraint => "guid",
                BoolRouteConstraint => "bool",
                DecimalRouteConstraint => "decimal",
                DoubleRouteConstraint or FloatRouteConstraint => "double",
                _ => null,
            };
            switch (name)
            {
                case "int" or "long" or "min" or "max" or "range":
                    return RouteValueKind.Integer;
                case "guid":
                    return RouteValueKind.Guid;
                case "bool":
                    return RouteValueKind.Boolean;
                case "decimal":
                    return RouteValueKind.Decimal;
                case "double" or "float":
                    return RouteValueKind.Double;
            }
        }

        return RouteValueKind.Text;
    }

    /// <summary>The canonical spelling of <paramref name="value"/>; the value itself when it is text or does not parse.</summary>
    public static string Canonical(RouteValueKind kind, string value) => kind switch
    {
        RouteValueKind.Integer when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) =>
            number.ToString(CultureInfo.InvariantCulture),
        RouteValueKind.Guid when Guid.TryParse(value, out var guid) => guid.ToString("D"),
        RouteValueKind.Boolean when bool.TryParse(value, out var flag) => flag ? "true" : "false",
        RouteValueKind.Decimal when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) =>
            amount.ToString("G29", CultureInfo.InvariantCulture),
        RouteValueKind.Double when double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var real) =>
            real.ToString("R", CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>Whether <paramref name="value"/> is already canonical, without allocating for the common integer case.</summary>
    public static bool IsCanonical(RouteValueKind kind, ReadOnlySpan<char> value)
    {
        switch (kind)
        {
            case RouteValueKind.Text:
                return true;
            case RouteValueKind.Integer:
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return true;
                }

                Span<char> formatted = stackalloc char[20];
                return number.TryFormat(formatted, out var written, default, CultureInfo.InvariantCulture)
                    && value.SequenceEqual(formatted[..written]);
            default:
                var text = value.ToString();
                return Canonical(kind, text) == text;
        }
    }
}
