using System.Reflection;

namespace IsrBuild;

/// <summary>
/// IsrBuild's options, bound from the configuration section <c>Isr</c> (so <c>Isr__TemplateFolder</c> works as an
/// environment variable) and then from the delegate given to <c>AddIsr</c>.
/// </summary>
public sealed class IsrOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Isr";

    /// <summary>
    /// The folder, relative to the content root, that holds the RazorLight templates. Default <c>IsrTemplates</c>;
    /// it must match the <c>IsrBuildTemplateFolder</c> MSBuild property, which copies it to the publish output.
    /// </summary>
    public string TemplateFolder { get; set; } = "IsrTemplates";

    /// <summary>
    /// The page classes of the site. When empty (the default), every concrete <see cref="IsrPage"/> in the
    /// application's assembly is a page.
    /// </summary>
    public IList<Type> Pages { get; } = [];

    /// <summary>Registers <typeparamref name="TPage"/> as a page.</summary>
    public IsrOptions AddPage<TPage>() where TPage : IsrPage => AddPage(typeof(TPage));

    /// <summary>Registers <paramref name="pageType"/> as a page.</summary>
    /// <exception cref="ArgumentException">The type is not a concrete <see cref="IsrPage"/>.</exception>
    public IsrOptions AddPage(Type pageType)
    {
        ArgumentNullException.ThrowIfNull(pageType);
        if (!IsPageType(pageType))
        {
            throw new ArgumentException($"{pageType.FullName} is not a concrete class deriving from {nameof(IsrPage)}.", nameof(pageType));
        }

        Pages.Add(pageType);
        return this;
    }

    /// <summary>Registers every concrete <see cref="IsrPage"/> in <paramref name="assembly"/>.</summary>
    public IsrOptions AddPagesFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(IsPageType))
        {
            Pages.Add(type);
        }

        return this;
    }

    internal static bool IsPageType(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IsrPage).IsAssignableFrom(type);
}
