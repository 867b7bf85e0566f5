using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IsrBuild.Testing;

/// <summary>
/// The house rules a layout and its classes keep, read from the source and the built assembly: folders depend one
/// way (none is reached from a folder it depends on), and no class takes more than a handful of dependencies.
/// </summary>
public static class HouseRules
{
    /// <summary>The most constructor parameters a class may take; records (data, not dependencies) are not counted.</summary>
    public const int MaxConstructorDependencies = 8;

    /// <summary>
    /// The groups of folders under <paramref name="project"/> (a path from the repository's root) that reach each
    /// other, each with the references that tie it: empty when dependencies run one way. A folder's types are those
    /// its files declare at the top; a reference is a use of such a type's name anywhere but a using directive or a
    /// comment. The project's own root is the folder "(root)".
    /// </summary>
    public static IReadOnlyList<string> FolderCycles(string project)
    {
        var root = Path.Combine(RepositoryRoot, project);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(root, file)))
            .Select(file => (Folder: FolderOf(Path.GetRelativePath(root, file)), Name: Path.GetRelativePath(root, file), Tree: CSharpSyntaxTree.ParseText(File.ReadAllText(file))))
            .ToList();
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, _, tree) in files)
        {
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>().Where(IsTopLevelType))
            {
                declaredIn[NameOf(type)] = folder;
            }
        }

        var edges = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var (folder, name, tree) in files)
        {
            var used = tree.GetRoot().DescendantNodes()
                .Where(node => node is IdentifierNameSyntax or GenericNameSyntax && !node.Ancestors().OfType<UsingDirectiveSyntax>().Any())
                .Select(node => ((SimpleNameSyntax)node).Identifier.ValueText);
            foreach (var type in used)
            {
                if (declaredIn.TryGetValue(type, out var target) && target != folder)
                {
                    var from = edges.TryGetValue(folder, out var found) ? found : edges[folder] = new(StringComparer.Ordinal);
                    (from.TryGetValue(target, out var why) ? why : from[target] = new(StringComparer.Ordinal)).Add($"{name} uses {type}");
                }
            }
        }

        return [.. StronglyConnected(edges).Where(group => group.Count > 1).Select(group => Describe(group, edges))];
    }

    /// <summary>The classes of <paramref name="assembly"/> whose constructor takes more than <see cref="MaxConstructorDependencies"/> parameters.</summary>
    public static IReadOnlyList<string> CrowdedConstructors(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return
        [
            .. from type in assembly.GetTypes()
               where type.IsClass && !type.IsDefined(typeof(CompilerGeneratedAttribute)) && type.GetMethod("<Clone>$") is null
               from constructor in type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
               let count = constructor.GetParameters().Length
               where count > MaxConstructorDependencies
               select $"{type.FullName} ({count})",
        ];
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IsrBuild.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IsrBuild.sln above {AppContext.BaseDirectory}.");
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string FolderOf(string relative) =>
        relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar, StringComparison.Ordinal)] : "(root)";

    private static bool IsTopLevelType(MemberDeclarationSyntax member) =>
        member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && member.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax;

    private static string NameOf(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
        _ => throw new ArgumentOutOfRangeException(nameof(member)),
    };

    private static string Describe(List<string> group, Dictionary<string, Dictionary<string, SortedSet<string>>> edges) =>
        string.Join(
            "; ",
            from a in @group
            from b in @group
            where edges.TryGetValue(a, out var outgoing) && outgoing.ContainsKey(b)
            select $"{a} -> {b} ({string.Join(", ", edges[a][b].Take(3))})");

    // Tarjan's algorithm: each group of folders that reach one another.
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, SortedSet<string>>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<string>>();
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(to => to.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.TryGetValue(node, out var to) ? to.Keys : Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(next, out var visited))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], visited);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                groups.Add(group);
            }
        }

        foreach (var node in nodes.Where(node => !index.ContainsKey(node)))
        {
            Visit(node);
        }

        return groups;
    }
}
