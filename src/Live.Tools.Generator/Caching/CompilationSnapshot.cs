using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Caching;

/// <summary>
/// What <see cref="ModelCache"/> remembers of a compilation: the names of its trees (not the trees), its references and
/// options. Comparing two snapshots gives the names whose meaning may differ between the two compilations.
/// </summary>
internal sealed class CompilationSnapshot
{
    // Weak on the earlier snapshot: a chain of compilations does not keep every earlier snapshot alive.
    private readonly ConditionalWeakTable<CompilationSnapshot, Changes> _changesSince = new();
    private readonly ConcurrentDictionary<TreeNames, HashSet<string>> _dependencies = new();
    private Dictionary<string, List<TreeNames>>? _declaredBy;

    public CompilationSnapshot(Compilation compilation, CancellationToken cancellationToken)
    {
        var trees = new HashSet<TreeNames>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trees.Add(TreeNames.Of(tree, cancellationToken));
        }

        Trees = trees;
        References = compilation.ExternalReferences;
        Options = compilation.Options;
        AssemblyName = compilation.AssemblyName;
    }

    public HashSet<TreeNames> Trees { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public CompilationOptions Options { get; }

    public string? AssemblyName { get; }

    /// <summary>
    /// The names a model read in <paramref name="earlier"/> must not depend on to hold in this compilation, or null when
    /// nothing holds (other references or options, a changed global using or assembly attribute).
    /// </summary>
    public HashSet<string>? ChangedNamesSince(CompilationSnapshot earlier) =>
        _changesSince.GetValue(earlier, e => new Changes(Compare(e, this))).Names;

    /// <summary>
    /// The names whose meaning a model of a member declared in <paramref name="tree"/> may depend on: every name looked
    /// up in that tree and in the trees with global usings and, transitively, in every tree declaring one of those names
    /// (a record's members, a constant's initializer, a partial declaration, a base type), and the names of the types
    /// the parser compares against.
    /// </summary>
    public HashSet<string> Dependencies(TreeNames tree) => _dependencies.GetOrAdd(tree, Closure);

    private static HashSet<string>? Compare(CompilationSnapshot earlier, CompilationSnapshot later)
    {
        if (!string.Equals(earlier.AssemblyName, later.AssemblyName, StringComparison.Ordinal)
            || !earlier.Options.Equals(later.Options)
            || earlier.References.Length != later.References.Length)
        {
            return null;
        }

        for (int i = 0; i < earlier.References.Length; i++)
        {
            if (!ReferenceEquals(earlier.References[i], later.References[i]))
            {
                return null;
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var removed = new List<TreeNames>();
        var added = new List<TreeNames>();
        foreach (TreeNames tree in earlier.Trees)
        {
            if (!later.Trees.Contains(tree))
            {
                removed.Add(tree);
            }
        }

        foreach (TreeNames tree in later.Trees)
        {
            if (!earlier.Trees.Contains(tree))
            {
                added.Add(tree);
            }
        }

        HashSet<string>? kept = null;
        foreach (List<TreeNames> changed in new[] { removed, added })
        {
            foreach (TreeNames tree in changed)
            {
                if (tree.HasCompilationWideEffect)
                {
                    return null;
                }

                names.UnionWith(tree.Declared);
                foreach (string ns in tree.Namespaces)
                {
                    // A namespace declared in both compilations (by an unchanged tree, or by a removed tree and by an
                    // added one, as an edited file is) exists in both: adding a declaration to it changes no lookup.
                    // Otherwise each of its names may now find, or no longer find, a namespace.
                    kept ??= KeptNamespaces(earlier, later, removed, added);
                    if (!kept.Contains(ns))
                    {
                        names.UnionWith(ns.Split('.'));
                    }
                }
            }
        }

        return names;
    }

    private static HashSet<string> KeptNamespaces(CompilationSnapshot earlier, CompilationSnapshot later, List<TreeNames> removed, List<TreeNames> added)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (TreeNames tree in later.Trees)
        {
            if (earlier.Trees.Contains(tree))
            {
                kept.UnionWith(tree.Namespaces);
            }
        }

        var before = new HashSet<string>(StringComparer.Ordinal);
        foreach (TreeNames tree in removed)
        {
            before.UnionWith(tree.Namespaces);
        }

        foreach (TreeNames tree in added)
        {
            foreach (string ns in tree.Namespaces)
            {
                if (before.Contains(ns))
                {
                    kept.Add(ns);
                }
            }
        }

        return kept;
    }

    private HashSet<string> Closure(TreeNames start)
    {
        Dictionary<string, List<TreeNames>> declaredBy = DeclaredBy();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<TreeNames> { start };
        var pending = new Stack<TreeNames>();
        pending.Push(start);
        foreach (TreeNames tree in Trees)
        {
            // A global using binds in every tree: 'global using Alias = A.B;' makes 'Alias' depend on B's declaration.
            if (tree.HasCompilationWideEffect && seen.Add(tree))
            {
                pending.Push(tree);
            }
        }
        while (pending.Count > 0)
        {
            foreach (string name in pending.Pop().Referenced)
            {
                if (names.Add(name) && declaredBy.TryGetValue(name, out List<TreeNames>? trees))
                {
                    foreach (TreeNames tree in trees)
                    {
                        if (seen.Add(tree))
                        {
                            pending.Push(tree);
                        }
                    }
                }
            }
        }

        names.UnionWith(KnownNames.All);
        return names;
    }

    private Dictionary<string, List<TreeNames>> DeclaredBy()
    {
        Dictionary<string, List<TreeNames>>? declaredBy = Volatile.Read(ref _declaredBy);
        if (declaredBy is not null)
        {
            return declaredBy;
        }

        declaredBy = new Dictionary<string, List<TreeNames>>(StringComparer.Ordinal);
        foreach (TreeNames tree in Trees)
        {
            foreach (string name in tree.Declared)
            {
                if (!declaredBy.TryGetValue(name, out List<TreeNames>? trees))
                {
                    trees = new List<TreeNames>();
                    declaredBy.Add(name, trees);
                }

                trees.Add(tree);
            }
        }

        return Interlocked.CompareExchange(ref _declaredBy, declaredBy, null) ?? declaredBy;
    }

    private sealed class Changes
    {
        public Changes(HashSet<string>? names) => Names = names;

        public HashSet<string>? Names { get; }
    }
}
