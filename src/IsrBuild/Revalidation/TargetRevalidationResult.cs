using IsrBuild.Coordination;

namespace IsrBuild;

/// <summary>What a revalidation did to the pages of one tag or path prefix: counts, never a list, so it stays small.</summary>
/// <param name="Scope"><see cref="InvalidationScope.Tag"/> or <see cref="InvalidationScope.Prefix"/>.</param>
/// <param name="Target">The tag, or the prefix as named (<c>/posts/*</c>).</param>
public sealed record TargetRevalidationResult(InvalidationScope Scope, string Target)
{
    /// <summary>
    /// The pages it matched; <see langword="null"/> in modes <c>stale</c> and <c>expire</c>, which record an
    /// invalidation time without counting pages, so they answer as fast at a million pages as at ten.
    /// </summary>
    public int? Pages { get; init; }

    /// <summary>Pages generated again (or turned not-found) before the answer.</summary>
    public int Regenerated { get; init; }

    /// <summary>Of the pages regenerated, those whose bytes were the ones they had: only their times were written.</summary>
    public int Unchanged { get; init; }

    /// <summary>Pages whose regeneration failed; their last good page stays.</summary>
    public int Failed { get; init; }

    /// <summary>Pages marked stale and queued to regenerate in the background (a set larger than <see cref="IsrOptions.MaxRevalidateNowPages"/>).</summary>
    public int Queued { get; init; }
}
