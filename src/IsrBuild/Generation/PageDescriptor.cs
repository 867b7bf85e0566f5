using Microsoft.AspNetCore.Http;

namespace IsrBuild.Generation;

/// <summary>
/// A page: a registered <see cref="IsrPage"/> class with its route, template and header choices, read once from an
/// instance; or an endpoint of the app's own (<see cref="Endpoint"/>, with its <see cref="IsrAttribute"/> settings),
/// whose <see cref="Type"/> is the type that handles it. <see cref="CanonicalPaths"/>: whether other spellings of its
/// paths are sent to the one canonical path.
/// </summary>
internal sealed record PageDescriptor(
    Type Type,
    PageRoute Route,
    string Template,
    string? FallbackTemplate,
    string? CacheControl = null,
    bool CanonicalPaths = true,
    Endpoint? Endpoint = null,
    IsrAttribute? Settings = null)
{
    /// <summary>The page's name in messages: its class, or the endpoint's display name.</summary>
    public string Name => Endpoint?.DisplayName ?? Type.FullName ?? Type.Name;
}
