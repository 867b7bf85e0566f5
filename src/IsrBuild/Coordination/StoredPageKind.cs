
namespace IsrBuild.Coordination;

/// <summary>What a path holds in the store.</summary>
public enum StoredPageKind
{
    /// <summary>A generated page.</summary>
    Page,

    /// <summary>A redirect the page's static props returned.</summary>
    Redirect,

    /// <summary>The path no longer exists: its static props returned not-found.</summary>
    NotFound,
}
