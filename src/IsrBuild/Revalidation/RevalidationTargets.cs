using IsrBuild.Coordination;

namespace IsrBuild.Revalidation;

/// <summary>What one call names: paths, tags and prefixes, each once.</summary>
internal sealed record RevalidationTargets(IReadOnlyList<string> Paths, IReadOnlyList<string> Tags, IReadOnlyList<string> Prefixes)
{
    /// <summary>A result per tag, then per prefix, filled in by <paramref name="fill"/> from its key and a blank result.</summary>
    public IReadOnlyList<TargetRevalidationResult> Describe(Func<(InvalidationScope Scope, string Key), TargetRevalidationResult, TargetRevalidationResult> fill) =>
    [
        .. Tags.Select(tag => fill((InvalidationScope.Tag, tag), new TargetRevalidationResult(InvalidationScope.Tag, tag))),
        .. Prefixes.Select(prefix => fill((InvalidationScope.Prefix, prefix), new TargetRevalidationResult(InvalidationScope.Prefix, Invalidation.PrefixPattern(prefix)))),
    ];
}
