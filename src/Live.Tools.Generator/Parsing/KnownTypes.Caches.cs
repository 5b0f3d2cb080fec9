using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using System.Xml.Linq;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <content>
/// Work shared by every tool of one compilation. The generator re-parses each <c>[LiveTool]</c> method whenever the
/// compilation changes (<c>ForAttributeWithMetadataName</c> runs its transform for every matching node then, and only
/// the equatable result decides what is cached downstream), so what many methods have in common is done once per
/// compilation here: the mapping of a parameter or result type, a symbol's parsed doc comment, the spec of the type
/// holding the tools. Everything cached is a pure function of the symbol in this compilation; nothing outlives it, and
/// the models keep no symbol. Thread-safe: the analyzers share one instance per compilation across threads.
/// </content>
internal sealed partial class KnownTypes
{
    private readonly ConcurrentDictionary<ISymbol, XElement?> _docComments = new(SymbolEqualityComparer.Default);

    // Keys keep nullable annotations: `Options?` and `Options` map to different specs.
    private readonly ConcurrentDictionary<ITypeSymbol, ValueSpec> _inputs = new(SymbolEqualityComparer.IncludeNullability);
    private readonly ConcurrentDictionary<ITypeSymbol, ValueSpec> _outputs = new(SymbolEqualityComparer.IncludeNullability);
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeSpec?> _toolTypes = new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<ITypeSymbol, string> _displayNames = new(SymbolEqualityComparer.IncludeNullability);
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<AttributeData>> _typeAttributes = new(SymbolEqualityComparer.Default);

    // Replaced whole, never mutated: a reader on another thread sees an old or a new entry, both valid.
    private volatile DocEntry? _lastDocComment;

    /// <summary>
    /// The symbol's documentation comment (<see cref="DocComments.Get"/>), parsed once per compilation. A tool method's
    /// comment is read for the method and for each of its parameters in a row, so the last one is kept; the comments
    /// of types and properties, which many tools share, are kept for the whole compilation.
    /// </summary>
    public XElement? DocComment(ISymbol symbol, CancellationToken cancellationToken)
    {
        DocEntry? last = _lastDocComment;
        if (last is not null && SymbolEqualityComparer.Default.Equals(last.Symbol, symbol))
        {
            return last.Doc;
        }

        bool shared = symbol is not IMethodSymbol;
        if (!shared || !_docComments.TryGetValue(symbol, out XElement? doc))
        {
            doc = DocComments.Get(symbol, cancellationToken);
            if (shared)
            {
                doc = _docComments.GetOrAdd(symbol, doc);
            }
        }

        _lastDocComment = new DocEntry(symbol, doc);
        return doc;
    }

    /// <summary>A root type mapping that succeeded earlier in this compilation.</summary>
    public bool TryGetMapped(ITypeSymbol type, bool input, out ValueSpec? value)
    {
        if ((input ? _inputs : _outputs).TryGetValue(type, out ValueSpec? found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Remembers a root type mapping that succeeded with no problem.</summary>
    public void AddMapped(ITypeSymbol type, bool input, ValueSpec value) => (input ? _inputs : _outputs).TryAdd(type, value);

    /// <summary>
    /// <see cref="TypeMapper.Display"/> of a type, once per type and compilation (symbol display costs microseconds, and
    /// many tools return the same type).
    /// </summary>
    public string DisplayName(ITypeSymbol type) => _displayNames.GetOrAdd(type, static t => TypeMapper.Display(t));

    /// <summary>
    /// A symbol's attributes. A type's are kept for the compilation: every tool of a type asks for them (for
    /// <c>[LiveToolJsonContext]</c>), and on a partial type Roslyn gathers them from all its declarations at each call.
    /// </summary>
    public ImmutableArray<AttributeData> Attributes(ISymbol symbol) =>
        symbol is INamedTypeSymbol ? _typeAttributes.GetOrAdd(symbol, static s => s.GetAttributes()) : symbol.GetAttributes();

    /// <summary>The spec of a type holding tools, built once per type and compilation by <paramref name="parse"/>.</summary>
    public TypeSpec? ToolType(INamedTypeSymbol type, Func<INamedTypeSymbol, TypeSpec?> parse)
    {
        if (_toolTypes.TryGetValue(type, out TypeSpec? spec))
        {
            return spec;
        }

        spec = parse(type);
        return _toolTypes.GetOrAdd(type, spec);
    }

    private sealed class DocEntry
    {
        public DocEntry(ISymbol symbol, XElement? doc)
        {
            Symbol = symbol;
            Doc = doc;
        }

        public ISymbol Symbol { get; }

        public XElement? Doc { get; }
    }
}
