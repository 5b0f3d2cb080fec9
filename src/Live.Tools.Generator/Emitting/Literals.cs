using System;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Tools.Generator.Emitting;

/// <summary>C# literals in generated code, formatted once for the parser (default values) and the emitter: invariant culture, round-trip.</summary>
internal static class Literals
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Utf8(string value) => String(value) + "u8";

    public static string Char(char value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Boolean(bool value) => value ? "true" : "false";

    public static string Int32(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

    public static string Double(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    public static string Single(float value) =>
        float.IsNaN(value) ? "float.NaN"
        : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string NullableDouble(double? value) => value is { } v ? Double(v) : "null";

    public static string NullableInt64(long? value) => value is { } v ? Int64(v) : "null";

    /// <summary>A numeric constant converted to <paramref name="typeName"/>: <c>(T)(42)</c>, for enums and small integer types.</summary>
    public static string Cast(string typeName, object constant) =>
        "(" + typeName + ")(" + Convert.ToString(constant, CultureInfo.InvariantCulture) + ")";
}
