using IsrBuild.Coordination;
using IsrBuild.Generation;
using Microsoft.AspNetCore.Http;

namespace IsrBuild.Serving;

/// <summary>One request for an ISR page, as the steps of <see cref="PageRequestPipeline"/> see it.</summary>
/// <param name="Context">The request.</param>
/// <param name="Page">The page whose route matched.</param>
/// <param name="Key">The page's cache key (<see cref="PagePath"/>), its locale prefix canonical.</param>
/// <param name="Encoding">The representation the request accepts best.</param>
/// <param name="LocalePrefixed">Whether the route matched behind a locale prefix (<c>/fr/posts/1</c>).</param>
internal readonly record struct PageRequest(HttpContext Context, PageDescriptor Page, string Key, PageEncoding Encoding, bool LocalePrefixed);
