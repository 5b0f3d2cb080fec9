namespace Live.Tools.Generator.Model;

/// <summary>How one C# type is read from and written to JSON.</summary>
/// <param name="Kind">The kind of value.</param>
/// <param name="TypeName">The fully qualified type (<c>global::…</c>), without the nullable marker.</param>
/// <param name="IsNullable">Whether null is allowed (<c>Nullable&lt;T&gt;</c> or an annotated reference type).</param>
/// <param name="IsValueType">Whether the type is a value type.</param>
/// <param name="Collection">The collection shape, for collections and dictionaries.</param>
/// <param name="Element">The element (or dictionary value) type.</param>
/// <param name="EnumMembers">The members of an enum.</param>
/// <param name="EnumUnderlyingType">The underlying type of an enum (<c>int</c>, <c>long</c>…).</param>
/// <param name="Object">The shape of an object.</param>
/// <param name="IsFlags">Whether an enum is <c>[Flags]</c>: read and written as an array of names.</param>
internal sealed record ValueSpec(
    ValueKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsValueType,
    CollectionKind Collection,
    ValueSpec? Element,
    EquatableArray<EnumMemberSpec> EnumMembers,
    string? EnumUnderlyingType,
    ObjectSpec? Object,
    bool IsFlags = false)
{
    /// <summary>The type as written in C#, with <c>?</c> when nullable.</summary>
    public string NullableTypeName => IsNullable ? TypeName + "?" : TypeName;
}
