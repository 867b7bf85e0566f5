namespace IsrBuild.Generation;

/// <summary>
/// Paths of the app's endpoint pages that publish prerenders (<c>AddIsrPaths</c>); each registration is one list,
/// read from the app's services when publish runs.
/// </summary>
internal sealed record ListedPaths(Func<IServiceProvider, CancellationToken, Task<IEnumerable<string>>> Read);
