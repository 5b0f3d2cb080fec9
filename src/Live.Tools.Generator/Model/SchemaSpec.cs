namespace Live.Tools.Generator.Model;

/// <summary>A precomputed Gemini <c>Schema</c>, emitted as an object initializer.</summary>
/// <param name="Type">The type, or null for any value.</param>
/// <param name="Format">The format.</param>
/// <param name="Description">The description.</param>
/// <param name="Nullable">Whether null is allowed.</param>
/// <param name="Enum">The allowed strings.</param>
/// <param name="Items">The element schema of an array.</param>
/// <param name="Properties">The properties of an object, in order.</param>
/// <param name="Required">The required property names.</param>
/// <param name="PropertyOrdering">The property order, or empty.</param>
/// <param name="Minimum">The lower bound.</param>
/// <param name="Maximum">The upper bound.</param>
/// <param name="MinItems">The fewest items.</param>
/// <param name="MaxItems">The most items.</param>
/// <param name="MinLength">The shortest string.</param>
/// <param name="MaxLength">The longest string.</param>
/// <param name="Pattern">The pattern.</param>
internal sealed record SchemaSpec(
    SchemaType? Type,
    string? Format,
    string? Description,
    bool Nullable,
    EquatableArray<string> Enum,
    SchemaSpec? Items,
    EquatableArray<SchemaPropertySpec> Properties,
    EquatableArray<string> Required,
    EquatableArray<string> PropertyOrdering,
    double? Minimum,
    double? Maximum,
    long? MinItems,
    long? MaxItems,
    long? MinLength,
    long? MaxLength,
    string? Pattern);

/// <summary>A named property of an object schema.</summary>
/// <param name="Name">The JSON name.</param>
/// <param name="Schema">The schema.</param>
internal sealed record SchemaPropertySpec(string Name, SchemaSpec Schema);
