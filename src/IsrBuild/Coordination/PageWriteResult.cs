namespace IsrBuild.Coordination;

/// <summary>What <see cref="IIsrPageStore.SetAsync"/> did, and the state it left, so the caller need not read it back.</summary>
/// <param name="Outcome">How far the new state went: to every host, to this host only, or nowhere because a newer one won.</param>
/// <param name="Current">
/// The path's state in the store now: the one written; the newer one that won (<see cref="PageWrite.Superseded"/>);
/// or <see langword="null"/> when the store keeps nothing for the path (a not-found where no older copy could come back).
/// </param>
public readonly record struct PageWriteResult(PageWrite Outcome, StoredPage? Current);
