namespace IsrBuild;

/// <summary>
/// Makes a page the site already has an ISR page: a Razor Pages page model, an MVC controller or action, or a
/// routable Razor component (<c>@attribute [Isr(RevalidateSeconds = 60)]</c>). The page is prerendered at publish for
/// the paths <c>AddIsrPaths</c> lists, rendered on the first request for any other path, served from the cache, and
/// regenerated in the background once older than its interval, always through the app's own pipeline on a request of
/// its own (GET, the path, no cookies, no <c>Authorization</c>, no query). <c>WithIsr(...)</c> says the same on an
/// endpoint builder. Inside the render, <c>HttpContext.Isr()</c> adds tags and sets the interval.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class IsrAttribute : Attribute
{
    /// <summary>
    /// The interval in seconds after which the page is regenerated in the background (stale-while-revalidate).
    /// 0, the default, means never: the page is regenerated only on demand (Next.js's <c>revalidate: false</c>).
    /// </summary>
    public int RevalidateSeconds { get; set; }

    /// <summary>Tags every path of the page carries, for revalidating by tag; <c>HttpContext.Isr().Tag(...)</c> adds more.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>The interval as the generation pipeline reads it.</summary>
    internal Revalidate Interval => RevalidateSeconds > 0 ? Revalidate.AfterSeconds(RevalidateSeconds) : Revalidate.Never;
}
