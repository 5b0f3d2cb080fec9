namespace Live.Tools.Generator.Model;

/// <summary>The concrete shape of a collection value.</summary>
internal enum CollectionKind
{
    None,

    /// <summary><c>T[]</c>, and the read-only interfaces read as an array.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c> and the mutable list interfaces.</summary>
    List,

    /// <summary><c>HashSet&lt;T&gt;</c>.</summary>
    HashSet,

    /// <summary><c>ImmutableArray&lt;T&gt;</c>.</summary>
    ImmutableArray,

    /// <summary>A dictionary with string keys, read as <c>Dictionary&lt;string, T&gt;</c>.</summary>
    Dictionary,
}
