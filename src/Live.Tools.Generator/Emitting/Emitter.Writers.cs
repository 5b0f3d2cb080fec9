using System;
using System.Collections.Generic;
using System.Globalization;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Emitting;

/// <content>The result writers: values written with <c>Utf8JsonWriter</c>.</content>
internal sealed partial class Emitter
{
    private string Writer(ValueSpec value)
    {
        ValueSpec key = value with { IsNullable = false };
        if (!_writers.TryGetValue(key, out string? name))
        {
            name = "__LiveWrite" + _writers.Count.ToString(CultureInfo.InvariantCulture);
            _writers.Add(key, name);
            _pending.Enqueue(new HelperRequest(HelperKind.Writer, key, name));
        }

        return name;
    }

    private void EmitWriter(SourceWriter w, ValueSpec value, string name)
    {
        w.Line(_generatedCode);
        w.Open("private static void " + name + "(" + WriterType + " __writer, " + value.TypeName + (value.IsValueType ? string.Empty : "?") + " __value)");
        if (!value.IsValueType)
        {
            w.Open("if (__value is null)");
            w.Line("__writer.WriteNullValue();");
            w.Line("return;");
            w.Close();
            w.Line();
        }

        switch (value.Kind)
        {
            case ValueKind.Enum when value.IsFlags:
                EmitFlagsWriter(w, value);
                break;
            case ValueKind.Bytes:
                w.Line("__writer.WriteBase64StringValue(__value);");
                break;
            case ValueKind.Enum:
                w.Open("switch (__value)");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (EnumMemberSpec member in value.EnumMembers)
                {
                    if (!seen.Add(member.Value))
                    {
                        continue;
                    }

                    w.Line("case " + value.TypeName + "." + Escape(member.MemberName) + ":");
                    w.Indentation++;
                    w.Line("__writer.WriteStringValue(" + Literal(member.JsonName) + "u8);");
                    w.Line("break;");
                    w.Indentation--;
                }

                w.Line("default:");
                w.Indentation++;
                w.Line("__writer.WriteNumberValue((" + EnumCast(value.EnumUnderlyingType) + ")__value);");
                w.Line("break;");
                w.Indentation--;
                w.Close();
                break;
            case ValueKind.Collection:
                if (value.Collection == CollectionKind.ImmutableArray)
                {
                    w.Open("if (__value.IsDefault)");
                    w.Line("__writer.WriteNullValue();");
                    w.Line("return;");
                    w.Close();
                    w.Line();
                }

                w.Line("__writer.WriteStartArray();");
                w.Open("foreach (" + value.Element!.NullableTypeName + " __item in __value)");
                EmitWrite(w, value.Element!, "__item");
                w.Close();
                w.Line("__writer.WriteEndArray();");
                break;
            case ValueKind.Dictionary:
                w.Line("__writer.WriteStartObject();");
                w.Open("foreach (global::System.Collections.Generic.KeyValuePair<string, " + value.Element!.NullableTypeName + "> __pair in __value)");
                w.Line("__writer.WritePropertyName(__pair.Key);");
                EmitWrite(w, value.Element!, "__pair.Value");
                w.Close();
                w.Line("__writer.WriteEndObject();");
                break;
            default:
                w.Line("__writer.WriteStartObject();");
                foreach (PropertySpec property in value.Object!.Properties)
                {
                    w.Line("__writer.WritePropertyName(" + Literal(property.JsonName) + "u8);");
                    EmitWrite(w, property.Value, "__value." + Escape(property.MemberName));
                }

                w.Line("__writer.WriteEndObject();");
                break;
        }

        w.Close();
    }

    /// <summary>Writes the value of <paramref name="expression"/> with <c>__writer</c>.</summary>
    private void EmitWrite(SourceWriter w, ValueSpec value, string expression)
    {
        if (value.IsNullable && value.IsValueType)
        {
            string temp = "__v" + (_temp++).ToString(CultureInfo.InvariantCulture);
            w.Open("if (" + expression + " is { } " + temp + ")");
            EmitWrite(w, value with { IsNullable = false }, temp);
            w.Close();
            w.Open("else");
            w.Line("__writer.WriteNullValue();");
            w.Close();
            return;
        }

        string? statement = value.Kind switch
        {
            ValueKind.String => "__writer.WriteStringValue(" + expression + ");",
            ValueKind.Char => WritersType + ".WriteChar(__writer, " + expression + ");",
            ValueKind.Boolean => "__writer.WriteBooleanValue(" + expression + ");",
            ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 => "__writer.WriteNumberValue((int)" + expression + ");",
            ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal
                => "__writer.WriteNumberValue(" + expression + ");",
            ValueKind.IntPtr => "__writer.WriteNumberValue((long)" + expression + ");",
            ValueKind.UIntPtr => "__writer.WriteNumberValue((ulong)" + expression + ");",
            ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.Guid => "__writer.WriteStringValue(" + expression + ");",
            ValueKind.DateOnly => WritersType + ".WriteDateOnly(__writer, " + expression + ");",
            ValueKind.TimeOnly => WritersType + ".WriteTimeOnly(__writer, " + expression + ");",
            ValueKind.TimeSpan => WritersType + ".WriteTimeSpan(__writer, " + expression + ");",
            ValueKind.Uri => WritersType + ".WriteUri(__writer, " + expression + ");",
            ValueKind.JsonElement => WritersType + ".WriteJsonElement(__writer, " + expression + ");",
            ValueKind.Bytes when value.IsValueType => "__writer.WriteBase64StringValue(" + expression + ".Span);",
            _ => null,
        };

        w.Line(statement ?? Writer(value) + "(__writer, " + expression + ");");
    }

    private static string EnumCast(string? underlying) => underlying switch
    {
        "uint" => "uint",
        "long" => "long",
        "ulong" => "ulong",
        _ => "int",
    };

    /// <summary>The writer of tool <c>N</c>'s result, passed to <c>LiveToolResponses.Output</c>: any kind, nullable as declared.</summary>
    private void EmitResultWriter(SourceWriter w, ValueSpec value, string name)
    {
        w.Line(_generatedCode);
        w.Open("private static void " + name + "(" + WriterType + " __writer, " + value.NullableTypeName + " __value)");
        EmitWrite(w, value, "__value");
        w.Close();
    }
}
