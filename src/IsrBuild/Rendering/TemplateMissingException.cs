namespace IsrBuild.Rendering;

/// <summary>
/// A page names a template the template folder does not hold: says which folder was searched and what it holds,
/// rather than RazorLight's own message, whose advice (its debug mode) a site cannot act on.
/// </summary>
internal sealed class TemplateMissingException(string template, string folder, string razorLightMessage)
    : Exception(Describe(template, folder, razorLightMessage))
{
    private static string Describe(string template, string folder, string razorLightMessage)
    {
        var held = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cshtml", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .Take(20)
                .ToList()
            : [];
        var found = held.Count == 0 ? "it holds no templates" : "it holds " + string.Join(", ", held);
        if (File.Exists(Path.Combine(folder, template)))
        {
            // The page's own template is there: a layout or an included template it names is not.
            var said = razorLightMessage.Split(". ", 2)[0].TrimEnd('.');
            return $"'{template}' uses a layout or template that is not in the template folder {folder} ({found}): {said}.";
        }

        return $"Template '{template}' is not in the template folder {folder} ({found}). Check the page's Template, or Isr:TemplateFolder.";
    }
}
