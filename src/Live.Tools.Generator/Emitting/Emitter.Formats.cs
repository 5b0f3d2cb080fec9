using System;
using System.Collections.Generic;
using System.Globalization;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Emitting;

/// <content>
/// The forms System.Text.Json gives some values and the DataAnnotations that check a string's form: bytes as a base64
/// string, a <c>[Flags]</c> enum as an array of names, and <c>[EmailAddress]</c>, <c>[Url]</c>, <c>[Phone]</c>,
/// <c>[Base64String]</c>, <c>[Range]</c> on a string, <c>[AllowedValues]</c>, <c>[DeniedValues]</c>, checked without reflection.
/// </content>
internal sealed partial class Emitter
{
    private void EmitBytesReader(SourceWriter w, ValueSpec value)
    {
        w.Open("if (__element.ValueKind == " + JsonValueKindType + ".String && __element.TryGetBytesFromBase64(out byte[]? __bytes))");
        w.Line("__result = __bytes;");
        w.Line("__error = null;");
        w.Line("return true;");
        w.Close();
        w.Line();
        w.Line("__result = default!;");
        w.Line("__error = " + ErrorType + ".Expected(\"a base64 string\", __element);");
        w.Line("return false;");
    }

    /// <summary>A <c>[Flags]</c> enum is an array of member names; the value is the members combined.</summary>
    private void EmitFlagsReader(SourceWriter w, ValueSpec value)
    {
        string single = Reader(value with { IsFlags = false });
        w.Line("__result = default;");
        w.Open("if (!" + ArgsType + ".IsArray(__element, out __error))");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("int __index = 0;");
        w.Open("foreach (" + JsonElementType + " __item in __element.EnumerateArray())");
        w.Open("if (!" + single + "(__item, out " + value.TypeName + " __flag, out __error))");
        w.Line("__error = __error.InItem(__index);");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("__result |= __flag;");
        w.Line("__index++;");
        w.Close();
        w.Line();
        w.Line("return true;");
    }

    /// <summary>Writes the names of the members a <c>[Flags]</c> value holds, in declaration order; bits no member names are written as one number.</summary>
    private void EmitFlagsWriter(SourceWriter w, ValueSpec value)
    {
        w.Line(value.TypeName + " __rest = __value;");
        w.Line("__writer.WriteStartArray();");
        var seen = new HashSet<string>(StringComparer.Ordinal) { "0" };
        foreach (EnumMemberSpec member in value.EnumMembers)
        {
            if (!seen.Add(member.Value))
            {
                continue;
            }

            string constant = value.TypeName + "." + Escape(member.MemberName);
            w.Open("if ((__rest & " + constant + ") == " + constant + ")");
            w.Line("__writer.WriteStringValue(" + Literal(member.JsonName) + "u8);");
            w.Line("__rest &= ~" + constant + ";");
            w.Close();
        }

        w.Open("if (__rest != 0)");
        w.Line("__writer.WriteNumberValue((" + EnumCast(value.EnumUnderlyingType) + ")__rest);");
        w.Close();
        w.Line("__writer.WriteEndArray();");
    }

    /// <summary>The length annotations on bytes count the decoded bytes (as DataAnnotations counts an array's elements).</summary>
    private void EmitByteCountCheck(SourceWriter w, ValueSpec value, ConstraintsSpec constraints, string local, Action<string> onError)
    {
        string count = "__bytes" + (_temp++).ToString(CultureInfo.InvariantCulture);
        w.Line("int " + count + " = " + (value.IsValueType ? (value.IsNullable ? local + ".GetValueOrDefault()" : local) : local + "!") + ".Length;");
        var conditions = new List<string>();
        if (constraints.MinLength is { } min)
        {
            conditions.Add(count + " < " + min.ToString(CultureInfo.InvariantCulture));
        }

        if (constraints.MaxLength is { } max)
        {
            conditions.Add(count + " > " + max.ToString(CultureInfo.InvariantCulture));
        }

        w.Open("if (" + string.Join(" || ", conditions) + ")");
        onError(ErrorType + ".WrongByteCount(" + count + ", minimum: " + Literals.NullableInt64(constraints.MinLength) + ", maximum: " + Literals.NullableInt64(constraints.MaxLength) + ")");
        w.Close();
    }

    private void EmitStringRuleChecks(SourceWriter w, ConstraintsSpec constraints, string local, string source, Action<string> onError)
    {
        string text = local + "!";
        Check(StringRules.EmailAddress, "IsEmailAddress", "an email address");
        Check(StringRules.Url, "IsUrl", "an http, https or ftp URL");
        Check(StringRules.Phone, "IsPhoneNumber", "a phone number");
        Check(StringRules.Base64, "IsBase64", "a base64 string");

        if ((constraints.Rules & StringRules.NumberInRange) != 0)
        {
            string number = "__number" + (_temp++).ToString(CultureInfo.InvariantCulture);
            w.Open("if (!double.TryParse(" + text + ", global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture, out double " + number + "))");
            onError(ErrorType + ".InvalidFormat(\"a number\", " + text + ")");
            w.Close();
            if (constraints.HasRange)
            {
                var conditions = new List<string>();
                if (constraints.Minimum is { } min)
                {
                    conditions.Add(number + (constraints.MinimumIsExclusive ? " <= " : " < ") + Literals.Double(min));
                }

                if (constraints.Maximum is { } max)
                {
                    conditions.Add(number + (constraints.MaximumIsExclusive ? " >= " : " > ") + Literals.Double(max));
                }

                w.Open("if (" + string.Join(" || ", conditions) + ")");
                onError(ErrorType + ".OutOfRange(" + text + ", minimum: " + Literals.NullableDouble(constraints.Minimum) + ", maximum: " + Literals.NullableDouble(constraints.Maximum)
                    + ", integer: false, minimumIsExclusive: " + Literals.Boolean(constraints.MinimumIsExclusive) + ", maximumIsExclusive: " + Literals.Boolean(constraints.MaximumIsExclusive) + ")");
                w.Close();
            }
        }

        if (!constraints.AllowedValues.IsEmpty)
        {
            string field = StringArrayField(constraints.AllowedValues);
            w.Open("if (global::System.Array.IndexOf(" + field + ", " + text + ") < 0)");
            onError(ErrorType + ".NotOneOf(" + field + ", " + source + ")");
            w.Close();
        }

        if (!constraints.DeniedValues.IsEmpty)
        {
            string field = StringArrayField(constraints.DeniedValues);
            w.Open("if (global::System.Array.IndexOf(" + field + ", " + text + ") >= 0)");
            onError(ErrorType + ".DeniedValue(" + field + ", " + text + ")");
            w.Close();
        }

        void Check(StringRules rule, string method, string expected)
        {
            if ((constraints.Rules & rule) != 0)
            {
                w.Open("if (!" + ArgsType + "." + method + "(" + text + "))");
                onError(ErrorType + ".InvalidFormat(" + Literal(expected) + ", " + text + ")");
                w.Close();
            }
        }
    }

    private string StringArrayField(EquatableArray<string> values)
    {
        var literals = new List<string>();
        foreach (string value in values)
        {
            literals.Add(Literal(value));
        }

        string field = "__LiveValues" + _enumNameFields.Count.ToString(CultureInfo.InvariantCulture);
        _enumNameFields.Add("private static readonly string[] " + field + " = new string[] { " + string.Join(", ", literals) + " };");
        return field;
    }
}
