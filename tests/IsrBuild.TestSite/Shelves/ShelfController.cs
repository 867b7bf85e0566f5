using Microsoft.AspNetCore.Mvc;

namespace IsrBuild.TestSite.Shelves;

/// <summary>An MVC action with a view in the site's layout, an ISR page by attribute; each render is numbered.</summary>
[Isr(RevalidateSeconds = 3600, Tags = ["shelf"])]
public sealed class ShelfController : Controller
{
    private static int _renders;

    [HttpGet("/shelf/{id:int}")]
    public IActionResult Show(int id)
    {
        HttpContext.Isr().Tag($"shelf:{id}");
        ViewData["Title"] = $"Shelf {id}";
        return View(new ShelfModel(id, Interlocked.Increment(ref _renders)));
    }
}

/// <summary>A shelf and the number of the render that showed it.</summary>
public sealed record ShelfModel(int Id, int Render);
