namespace Live.Tools.Generator.Model;

/// <summary>How a value is read from and written to JSON.</summary>
internal enum ValueKind
{
    String,
    Char,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    IntPtr,
    UIntPtr,
    Single,
    Double,
    Decimal,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Guid,
    Uri,
    JsonElement,
    Enum,
    Collection,
    Dictionary,
    Object,

    /// <summary><c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>, <c>Memory&lt;byte&gt;</c>: a base64 string, as System.Text.Json writes them.</summary>
    Bytes,
}
