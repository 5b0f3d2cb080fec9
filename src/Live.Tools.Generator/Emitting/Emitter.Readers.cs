using System;
using System.Collections.Generic;
using System.Globalization;
using Live.Tools.Generator.Model;
using Live.Tools.Generator.Parsing;

namespace Live.Tools.Generator.Emitting;

/// <content>The argument readers: values read from <c>JsonElement</c>s, DataAnnotations checks, enum/collection/dictionary/object readers.</content>
internal sealed partial class Emitter
{
    /// <summary>Reads <paramref name="source"/> into <paramref name="target"/>; on failure <c>__error</c> is set and <paramref name="onError"/> runs.</summary>
    private void EmitRead(SourceWriter w, ValueSpec value, string source, string target, bool handleNull, Action onError)
    {
        if (handleNull && value.IsNullable)
        {
            w.Open("if (" + source + ".ValueKind == " + JsonValueKindType + ".Null)");
            w.Line(target + " = null;");
            w.Close();
            w.Open("else");
            EmitRead(w, value, source, target, handleNull: false, onError);
            w.Close();
            return;
        }

        string method = SimpleReader(value.Kind) is { } simple ? ArgsType + "." + simple : Reader(value);
        if (value.IsNullable && value.IsValueType)
        {
            string temp = "__t" + (_temp++).ToString(CultureInfo.InvariantCulture);
            w.Open("if (!" + method + "(" + source + ", out " + value.TypeName + " " + temp + ", out __error))");
            onError();
            w.Close();
            w.Line(target + " = " + temp + ";");
        }
        else
        {
            w.Open("if (!" + method + "(" + source + ", out " + target + ", out __error))");
            onError();
            w.Close();
        }
    }

    /// <summary>The DataAnnotations checks of a value that was read and is not null.</summary>
    private void EmitChecks(SourceWriter w, ValueSpec value, ConstraintsSpec constraints, string local, string source, Action<string> onError)
    {
        string nonNull = value.IsNullable && value.IsValueType ? local + ".GetValueOrDefault()" : local;
        if (constraints.HasRange && ParameterAttributes.IsNumber(value.Kind))
        {
            var conditions = new List<string>();
            if (constraints.Minimum is { } min)
            {
                conditions.Add("(double)" + nonNull + (constraints.MinimumIsExclusive ? " <= " : " < ") + Literals.Double(min));
            }

            if (constraints.Maximum is { } max)
            {
                conditions.Add("(double)" + nonNull + (constraints.MaximumIsExclusive ? " >= " : " > ") + Literals.Double(max));
            }

            w.Open("if (" + string.Join(" || ", conditions) + ")");
            onError(ErrorType + ".OutOfRange((double)" + nonNull + ", minimum: " + Literals.NullableDouble(constraints.Minimum) + ", maximum: " + Literals.NullableDouble(constraints.Maximum)
                + ", integer: " + Literals.Boolean(ParameterAttributes.IsInteger(value.Kind)) + ", minimumIsExclusive: " + Literals.Boolean(constraints.MinimumIsExclusive)
                + ", maximumIsExclusive: " + Literals.Boolean(constraints.MaximumIsExclusive) + ")");
            w.Close();
        }

        if (constraints.HasLength && value.Kind is ValueKind.String or ValueKind.Collection)
        {
            bool items = value.Kind == ValueKind.Collection;
            string length = items ? source + ".GetArrayLength()" : local + "!.Length";
            string lengthLocal = "__length" + (_temp++).ToString(CultureInfo.InvariantCulture);
            w.Line("int " + lengthLocal + " = " + length + ";");
            var conditions = new List<string>();
            if (constraints.MinLength is { } min)
            {
                conditions.Add(lengthLocal + " < " + min.ToString(CultureInfo.InvariantCulture));
            }

            if (constraints.MaxLength is { } max)
            {
                conditions.Add(lengthLocal + " > " + max.ToString(CultureInfo.InvariantCulture));
            }

            w.Open("if (" + string.Join(" || ", conditions) + ")");
            onError(ErrorType + ".WrongLength(" + lengthLocal + ", minimum: " + Literals.NullableInt64(constraints.MinLength) + ", maximum: " + Literals.NullableInt64(constraints.MaxLength)
                + ", items: " + Literals.Boolean(items) + ")");
            w.Close();
        }

        if (constraints.HasLength && value.Kind == ValueKind.Bytes)
        {
            EmitByteCountCheck(w, value, constraints, local, onError);
        }

        if (constraints.NonEmptyString && value.Kind == ValueKind.String)
        {
            w.Open("if (string.IsNullOrWhiteSpace(" + local + "))");
            onError(ErrorType + ".EmptyString(" + local + ")");
            w.Close();
        }

        if (constraints.Pattern is { } pattern && value.Kind == ValueKind.String)
        {
            string field = Regex(pattern);
            w.Open("if (!" + ArgsType + ".MatchesEntirely(" + field + ", " + local + "!))");
            onError(ErrorType + ".PatternMismatch(" + Literal(pattern) + ", " + local + "!)");
            w.Close();
        }

        if (constraints.HasStringRules && value.Kind == ValueKind.String)
        {
            EmitStringRuleChecks(w, constraints, local, source, onError);
        }
    }

    private string Regex(string pattern)
    {
        if (!_regexes.TryGetValue(pattern, out string? field))
        {
            field = "__LiveRegex" + _regexes.Count.ToString(CultureInfo.InvariantCulture);
            _regexes.Add(pattern, field);
            _regexFields.Add(field + " = new global::System.Text.RegularExpressions.Regex(" + Literal(pattern)
                + ", global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(2));");
        }

        return field;
    }

    private string Reader(ValueSpec value)
    {
        ValueSpec key = value with { IsNullable = false };
        if (!_readers.TryGetValue(key, out string? name))
        {
            name = "__LiveRead" + _readers.Count.ToString(CultureInfo.InvariantCulture);
            _readers.Add(key, name);
            _pending.Enqueue(new HelperRequest(HelperKind.Reader, key, name));
        }

        return name;
    }

    private void EmitReader(SourceWriter w, ValueSpec value, string name)
    {
        w.Line(_generatedCode);
        w.Open("private static bool " + name + "(" + JsonElementType + " __element, out " + value.TypeName + " __result, " + NotNullWhenFalse + "out " + ErrorType + "? __error)");
        switch (value.Kind)
        {
            case ValueKind.Enum when value.IsFlags:
                EmitFlagsReader(w, value);
                break;
            case ValueKind.Enum:
                EmitEnumReader(w, value, name);
                break;
            case ValueKind.Bytes:
                EmitBytesReader(w, value);
                break;
            case ValueKind.Collection:
                EmitCollectionReader(w, value);
                break;
            case ValueKind.Dictionary:
                EmitDictionaryReader(w, value);
                break;
            default:
                EmitObjectReader(w, value.Object!);
                break;
        }

        w.Close();
    }

    private void EmitEnumReader(SourceWriter w, ValueSpec value, string name)
    {
        var names = new List<string>();
        foreach (EnumMemberSpec member in value.EnumMembers)
        {
            names.Add(Literal(member.JsonName));
        }

        string namesField = name + "Names";
        _enumNameFields.Add("private static readonly string[] " + namesField + " = new string[] { " + string.Join(", ", names) + " };");
        w.Open("if (__element.ValueKind == " + JsonValueKindType + ".String)");
        foreach (EnumMemberSpec member in value.EnumMembers)
        {
            w.Open("if (__element.ValueEquals(" + Literal(member.JsonName) + "u8))");
            w.Line("__result = " + value.TypeName + "." + Escape(member.MemberName) + ";");
            w.Line("__error = null;");
            w.Line("return true;");
            w.Close();
        }

        w.Line();
        w.Open("switch (" + ArgsType + ".IndexOfIgnoreCase(__element, " + namesField + "))");
        for (int i = 0; i < value.EnumMembers.Count; i++)
        {
            w.Line("case " + i.ToString(CultureInfo.InvariantCulture) + ":");
            w.Indentation++;
            w.Line("__result = " + value.TypeName + "." + Escape(value.EnumMembers[i].MemberName) + ";");
            w.Line("__error = null;");
            w.Line("return true;");
            w.Indentation--;
        }

        w.Close();
        w.Close();
        w.Line();
        w.Line("__result = default;");
        w.Line("__error = " + ErrorType + ".NotOneOf(" + namesField + ", __element);");
        w.Line("return false;");
    }

    private void EmitCollectionReader(SourceWriter w, ValueSpec value)
    {
        ValueSpec element = value.Element!;
        w.Open("if (!" + ArgsType + ".IsArray(__element, out __error))");
        w.Line("__result = default!;");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("int __count = __element.GetArrayLength();");
        bool indexed = value.Collection is CollectionKind.Array or CollectionKind.ImmutableArray;
        string items = value.Collection switch
        {
            CollectionKind.List => "new global::System.Collections.Generic.List<" + element.NullableTypeName + ">(__count)",
            CollectionKind.HashSet => "new global::System.Collections.Generic.HashSet<" + element.NullableTypeName + ">(__count)",
            _ => "new " + ArrayOf(element.NullableTypeName, "__count"),
        };
        w.Line("var __items = " + items + ";");
        w.Line("int __index = 0;");
        w.Open("foreach (" + JsonElementType + " __item in __element.EnumerateArray())");
        w.Line(element.NullableTypeName + " __itemValue;");
        EmitRead(w, element, "__item", "__itemValue", handleNull: true, () =>
        {
            w.Line("__result = default!;");
            w.Line("__error = __error.InItem(__index);");
            w.Line("return false;");
        });
        w.Line(indexed ? "__items[__index] = __itemValue;" : "__items.Add(__itemValue);");
        w.Line("__index++;");
        w.Close();
        w.Line();
        w.Line(value.Collection == CollectionKind.ImmutableArray
            ? "__result = global::System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(__items);"
            : "__result = __items;");
        w.Line("return true;");
    }

    private void EmitDictionaryReader(SourceWriter w, ValueSpec value)
    {
        ValueSpec element = value.Element!;
        w.Open("if (!" + ArgsType + ".IsObject(__element, out __error))");
        w.Line("__result = default!;");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("var __items = new global::System.Collections.Generic.Dictionary<string, " + element.NullableTypeName + ">();");
        w.Open("foreach (global::System.Text.Json.JsonProperty __property in __element.EnumerateObject())");
        w.Line(element.NullableTypeName + " __itemValue;");
        w.Line(JsonElementType + " __item = __property.Value;");
        EmitRead(w, element, "__item", "__itemValue", handleNull: true, () =>
        {
            w.Line("__result = default!;");
            w.Line("__error = __error.InKey(__property.Name);");
            w.Line("return false;");
        });
        w.Line("__items[__property.Name] = __itemValue;");
        w.Close();
        w.Line();
        w.Line("__result = __items;");
        w.Line("return true;");
    }

    private void EmitObjectReader(SourceWriter w, ObjectSpec shape)
    {
        w.Line("__result = default!;");
        w.Open("if (!" + ArgsType + ".IsObject(__element, out __error))");
        w.Line("return false;");
        w.Close();
        if (shape.Properties.Count > 0)
        {
            w.Line();
            w.Line(JsonElementType + " __value;");
        }

        var ctorArgs = new string[shape.ConstructorParameterCount];
        var initializers = new List<(string Member, string Value, bool FromPrototype)>();
        var setters = new List<(string Has, string Member, string Local)>();
        var optionalInit = new List<string>();
        for (int i = 0; i < shape.Properties.Count; i++)
        {
            PropertySpec property = shape.Properties[i];
            string local = "__m" + i.ToString(CultureInfo.InvariantCulture);
            string has = "__has" + i.ToString(CultureInfo.InvariantCulture);
            string name = Literal(property.JsonName);
            bool track = !property.IsRequired && property.Assignment is PropertyAssignment.Initializer or PropertyAssignment.Setter;
            w.Line();
            w.Line(property.Value.NullableTypeName + " " + local + " = default!;");
            if (track)
            {
                w.Line("bool " + has + " = false;");
            }

            string condition = "__element.TryGetProperty(" + name + "u8, out __value)";
            if (!property.IsRequired)
            {
                condition += " && __value.ValueKind != " + JsonValueKindType + ".Null";
            }

            w.Open("if (" + condition + ")");
            EmitRead(w, property.Value, "__value", local, handleNull: property.IsRequired, () =>
            {
                w.Line("__error = __error.InProperty(" + name + ");");
                w.Line("return false;");
            });
            if (property.Value.IsNullable && property.IsRequired)
            {
                w.Open("if (" + local + " is not null)");
            }

            EmitChecks(w, property.Value, property.Constraints, local, "__value", error =>
            {
                w.Line("__error = " + error + ".InProperty(" + name + ");");
                w.Line("return false;");
            });
            if (property.Value.IsNullable && property.IsRequired)
            {
                w.Close();
            }

            if (track)
            {
                w.Line(has + " = true;");
            }

            w.Close();
            if (property.IsRequired)
            {
                w.Open("else");
                w.Line("__error = " + ErrorType + ".MissingProperty(" + name + ");");
                w.Line("return false;");
                w.Close();
            }
            else if (property.Assignment == PropertyAssignment.Constructor && property.Default.Kind == DefaultValueKind.Constant)
            {
                w.Open("else");
                w.Line(local + " = " + property.Default.Expression + ";");
                w.Close();
            }

            switch (property.Assignment)
            {
                case PropertyAssignment.Constructor:
                    ctorArgs[property.ConstructorIndex] = local;
                    break;
                case PropertyAssignment.Initializer when track:
                    initializers.Add((Escape(property.MemberName), has + " ? " + local + " : __prototype!." + Escape(property.MemberName), FromPrototype: true));
                    optionalInit.Add(has);
                    break;
                case PropertyAssignment.Initializer:
                    initializers.Add((Escape(property.MemberName), local, FromPrototype: false));
                    break;
                default:
                    if (track)
                    {
                        setters.Add((has, Escape(property.MemberName), local));
                    }
                    else
                    {
                        initializers.Add((Escape(property.MemberName), local, FromPrototype: false));
                    }

                    break;
            }
        }

        w.Line();
        for (int i = 0; i < ctorArgs.Length; i++)
        {
            ctorArgs[i] ??= "default!";
        }

        string construct = "new " + shape.TypeName + "(" + string.Join(", ", ctorArgs) + ")";
        if (optionalInit.Count > 0)
        {
            var required = new List<string>();
            foreach ((string member, string initialValue, bool fromPrototype) in initializers)
            {
                if (!fromPrototype)
                {
                    required.Add(member + " = " + initialValue);
                }
            }

            string prototype = required.Count == 0 ? construct : construct + " { " + string.Join(", ", required) + " }";
            var missing = new List<string>();
            foreach (string has in optionalInit)
            {
                missing.Add("!" + has);
            }

            // An init-only member the JSON lacks keeps the value its type initializes it to: read it from a prototype made
            // only when some such member is missing (an object initializer cannot leave a member out conditionally).
            w.Line(shape.TypeName + (shape.IsValueType ? string.Empty : "?") + " __prototype = " + string.Join(" || ", missing) + " ? " + prototype + " : default;");
        }

        if (initializers.Count == 0)
        {
            w.Line("__result = " + construct + ";");
        }
        else
        {
            w.Line("__result = " + construct);
            w.Line("{");
            w.Indentation++;
            foreach ((string member, string initialValue, _) in initializers)
            {
                w.Line(member + " = " + initialValue + ",");
            }

            w.Indentation--;
            w.Line("};");
        }

        foreach ((string has, string member, string local) in setters)
        {
            w.Open("if (" + has + ")");
            w.Line("__result." + member + " = " + local + ";");
            w.Close();
        }

        w.Line("return true;");
    }

    /// <summary>
    /// The <c>LiveToolArgs</c> method that reads a value of this kind, or null for the kinds read by a generated helper.
    /// Spelled out (not built from the kind's name) so a renamed kind cannot silently name a missing method; a test
    /// checks each name against <c>LiveToolArgs</c>.
    /// </summary>
    internal static string? SimpleReader(ValueKind kind) => kind switch
    {
        ValueKind.String => "TryReadString",
        ValueKind.Char => "TryReadChar",
        ValueKind.Boolean => "TryReadBoolean",
        ValueKind.Byte => "TryReadByte",
        ValueKind.SByte => "TryReadSByte",
        ValueKind.Int16 => "TryReadInt16",
        ValueKind.UInt16 => "TryReadUInt16",
        ValueKind.Int32 => "TryReadInt32",
        ValueKind.UInt32 => "TryReadUInt32",
        ValueKind.Int64 => "TryReadInt64",
        ValueKind.UInt64 => "TryReadUInt64",
        ValueKind.IntPtr => "TryReadIntPtr",
        ValueKind.UIntPtr => "TryReadUIntPtr",
        ValueKind.Single => "TryReadSingle",
        ValueKind.Double => "TryReadDouble",
        ValueKind.Decimal => "TryReadDecimal",
        ValueKind.DateTime => "TryReadDateTime",
        ValueKind.DateTimeOffset => "TryReadDateTimeOffset",
        ValueKind.DateOnly => "TryReadDateOnly",
        ValueKind.TimeOnly => "TryReadTimeOnly",
        ValueKind.TimeSpan => "TryReadTimeSpan",
        ValueKind.Guid => "TryReadGuid",
        ValueKind.Uri => "TryReadUri",
        ValueKind.JsonElement => "TryReadJsonElement",
        _ => null,
    };

    private static string ArrayOf(string elementType, string count)
    {
        // "int[]" elements become "int[__count][]", not "int[][__count]".
        int bracket = elementType.IndexOf('[');
        return bracket < 0
            ? elementType + "[" + count + "]"
            : elementType.Substring(0, bracket) + "[" + count + "]" + elementType.Substring(bracket);
    }
}
