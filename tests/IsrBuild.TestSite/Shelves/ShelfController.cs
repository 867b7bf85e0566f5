using Microsoft.AspNetCore.Mvc;

namespace IsrBuild.TestSite.Shelves;

/// <summary>
/// An MVC action with a view in the site's layout, an ISR page by attribute; each render is named by the process that
/// made it (publish's generator or a host) and numbered within it, so no two renders look alike.
/// </summary>
[Isr(RevalidateSeconds = 3600, Tags = ["shelf"])]
public sealed class ShelfController : Controller
{
    private static readonly string Process = Guid.NewGuid().ToString("N")[..8];
    private static int _renders;

    [HttpGet("/shelf/{id:int}")]
    public IActionResult Show(int id)
    {
        HttpContext.Isr().Tag($"shelf:{id}");
        ViewData["Title"] = $"Shelf {id}";
        return View(new ShelfModel(id, $"{Process}-{Interlocked.Increment(ref _renders)}"));
    }
}

/// <summary>A shelf and the render that showed it.</summary>
public sealed record ShelfModel(int Id, string Render);
