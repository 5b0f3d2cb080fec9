using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Caching;

/// <summary>
/// The model of each <c>[LiveTool]</c> method, kept across compilations by one generator instance, so that an edit
/// elsewhere does not parse every tool again (<c>ForAttributeWithMetadataName</c> runs the per-method step for every
/// match whenever the compilation changes).
/// </summary>
/// <remarks>
/// <para>
/// A model is kept for the method's declaration node (the same object only while its tree is unchanged) with the
/// compilation it was built in (<see cref="CompilationSnapshot"/>) and the names its meaning may depend on
/// (<see cref="CompilationSnapshot.Dependencies"/>). It is reused in a later compilation only when that compilation
/// has the same references, options and assembly name, no changed tree with a global using or an assembly attribute,
/// and no changed tree (added, removed or edited, before or after the edit) declaring one of those names: then every
/// lookup made while building the model finds what it found before, in trees that have not changed, so parsing again
/// would build an equal model. Anything else parses the method again, as without the cache.
/// </para>
/// <para>
/// Entries are weak on the declaration node and hold no symbol, tree or compilation. Thread-safe.
/// </para>
/// </remarks>
internal sealed class ModelCache
{
    private readonly ConditionalWeakTable<SyntaxNode, Slot> _entries = new();

    /// <summary>How many lookups found a model that still holds (for tests).</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>How many lookups parsed the method again (for tests).</summary>
    public int Misses => Volatile.Read(ref _misses);

    private int _hits;
    private int _misses;

    /// <summary>The model kept for <paramref name="declaration"/>, when it holds in the compilation of <paramref name="now"/>.</summary>
    public bool TryGet(SyntaxNode declaration, CompilationSnapshot now, out ToolMethodSpec? model)
    {
        if (_entries.TryGetValue(declaration, out Slot? slot) && slot.Entry is { } entry)
        {
            if (ReferenceEquals(entry.Snapshot, now)
                || (now.ChangedNamesSince(entry.Snapshot) is { } changed && !entry.Dependencies.Overlaps(changed)))
            {
                // It holds here too; compare later compilations with this one.
                slot.Entry = new Entry(entry.Model, now, entry.Dependencies);
                Interlocked.Increment(ref _hits);
                model = entry.Model;
                return true;
            }
        }

        Interlocked.Increment(ref _misses);
        model = null;
        return false;
    }

    /// <summary>Keeps the model just built for <paramref name="declaration"/> in the compilation of <paramref name="now"/>.</summary>
    public void Add(SyntaxNode declaration, CompilationSnapshot now, ToolMethodSpec? model, CancellationToken cancellationToken)
    {
        HashSet<string> dependencies = now.Dependencies(TreeNames.Of(declaration.SyntaxTree, cancellationToken));
        _entries.GetValue(declaration, static _ => new Slot()).Entry = new Entry(model, now, dependencies);
    }

    /// <summary>Replaced whole, so a reader sees a model with the snapshot it was checked in.</summary>
    private sealed class Slot
    {
        private volatile Entry? _entry;

        public Entry? Entry
        {
            get => _entry;
            set => _entry = value;
        }
    }

    private sealed class Entry
    {
        public Entry(ToolMethodSpec? model, CompilationSnapshot snapshot, HashSet<string> dependencies)
        {
            Model = model;
            Snapshot = snapshot;
            Dependencies = dependencies;
        }

        public ToolMethodSpec? Model { get; }

        public CompilationSnapshot Snapshot { get; }

        public HashSet<string> Dependencies { get; }
    }
}
