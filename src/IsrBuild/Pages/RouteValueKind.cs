namespace IsrBuild;

/// <summary>
/// The type a route parameter's inline constraints give its value (<c>{id:long}</c>, <c>{id:min(1)}</c>,
/// <c>{key:guid}</c>), which decides its one canonical spelling: <c>01</c>, <c>+1</c> and <c>0000001</c> are all the
/// long 1, written <c>1</c>. A parameter without such a constraint is text, kept as it is, since a slug's case may
/// matter.
/// </summary>
internal enum RouteValueKind
{
    Text,
    Integer,
    Guid,
    Boolean,
    Decimal,
    Double,
}
