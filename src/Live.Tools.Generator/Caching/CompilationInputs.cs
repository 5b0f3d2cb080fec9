using System;
using System.Threading;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Caching;

/// <summary>
/// What the per-method step needs of one compilation, each built on first use: the <see cref="KnownTypes"/> (only
/// when a method is parsed) and the <see cref="CompilationSnapshot"/> the <see cref="ModelCache"/> compares with.
/// </summary>
internal sealed class CompilationInputs
{
    private readonly Lazy<KnownTypes> _known;
    private readonly Compilation _compilation;
    private CompilationSnapshot? _snapshot;

    public CompilationInputs(Compilation compilation, ModelCache cache)
    {
        _compilation = compilation;
        Cache = cache;
        _known = new Lazy<KnownTypes>(() => KnownTypes.Create(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ModelCache Cache { get; }

    public KnownTypes Known => _known.Value;

    public CompilationSnapshot Snapshot(CancellationToken cancellationToken)
    {
        CompilationSnapshot? snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null)
        {
            return snapshot;
        }

        snapshot = new CompilationSnapshot(_compilation, cancellationToken);
        return Interlocked.CompareExchange(ref _snapshot, snapshot, null) ?? snapshot;
    }
}
