namespace Live.Tools.Generator.Emitting;

/// <summary>The kinds of helper methods a generated file defines after its dispatcher.</summary>
internal enum HelperKind
{
    /// <summary><c>static bool __LiveReadN(JsonElement, out T, out LiveToolArgumentError?)</c>: reads an argument value.</summary>
    Reader,

    /// <summary><c>static void __LiveWriteN(Utf8JsonWriter, T)</c>: writes an enum, collection, dictionary or object.</summary>
    Writer,

    /// <summary><c>static void __LiveWriteResultN(Utf8JsonWriter, T)</c>: writes the result of tool N, whatever its kind.</summary>
    ResultWriter,
}
