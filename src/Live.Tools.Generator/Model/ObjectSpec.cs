namespace Live.Tools.Generator.Model;

/// <summary>How an object (record, class or struct) is read or written.</summary>
/// <param name="TypeName">The fully qualified type.</param>
/// <param name="IsValueType">Whether it is a struct.</param>
/// <param name="ConstructorParameterCount">The number of constructor parameters used to create it.</param>
/// <param name="Properties">The members, in declaration order (constructor parameters first when reading).</param>
internal sealed record ObjectSpec(
    string TypeName,
    bool IsValueType,
    int ConstructorParameterCount,
    EquatableArray<PropertySpec> Properties);
