using System.Collections.Generic;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Parsing;

/// <summary>Turns a <see cref="ValueSpec"/> (with its description and DataAnnotations) into a Gemini schema.</summary>
internal static partial class SchemaBuilder
{
    public const string TimeSpanNote = "Format: [-][d.]hh:mm:ss[.fffffff] (for example 01:30:00 or 2.00:00:00).";
    public const string AnyNote = "Any JSON value.";

    public static SchemaSpec Build(ValueSpec value, string? description, ConstraintsSpec constraints)
    {
        SchemaType? type;
        string? format = null;
        EquatableArray<string> enumValues = EquatableArray<string>.Empty;
        SchemaSpec? items = null;
        EquatableArray<SchemaPropertySpec> properties = EquatableArray<SchemaPropertySpec>.Empty;
        EquatableArray<string> required = EquatableArray<string>.Empty;
        EquatableArray<string> ordering = EquatableArray<string>.Empty;
        long? minLength = null, maxLength = null, minItems = null, maxItems = null;

        switch (value.Kind)
        {
            case ValueKind.String:
                type = SchemaType.String;
                break;
            case ValueKind.Char:
                type = SchemaType.String;
                minLength = 1;
                maxLength = 1;
                break;
            case ValueKind.Boolean:
                type = SchemaType.Boolean;
                break;
            case ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32:
                type = SchemaType.Integer;
                format = "int32";
                break;
            case ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.IntPtr or ValueKind.UIntPtr:
                type = SchemaType.Integer;
                format = "int64";
                break;
            case ValueKind.Single:
                type = SchemaType.Number;
                format = "float";
                break;
            case ValueKind.Double or ValueKind.Decimal:
                type = SchemaType.Number;
                break;
            case ValueKind.DateTime or ValueKind.DateTimeOffset:
                type = SchemaType.String;
                format = "date-time";
                break;
            case ValueKind.DateOnly:
                type = SchemaType.String;
                format = "date";
                break;
            case ValueKind.TimeOnly:
                type = SchemaType.String;
                format = "time";
                break;
            case ValueKind.TimeSpan:
                type = SchemaType.String;
                description = ParameterAttributes.Append(description, TimeSpanNote);
                break;
            case ValueKind.Guid:
                type = SchemaType.String;
                format = "uuid";
                break;
            case ValueKind.Uri:
                type = SchemaType.String;
                format = "uri";
                break;
            case ValueKind.JsonElement:
                type = null;
                description = ParameterAttributes.Append(description, AnyNote);
                break;
            case ValueKind.Enum when value.IsFlags:
                // System.Text.Json writes "read, write"; an array of names is the form a schema can list and a model can fill.
                type = SchemaType.Array;
                items = Build(value with { IsFlags = false, IsNullable = false }, null, ConstraintsSpec.None);
                break;
            case ValueKind.Bytes:
                type = SchemaType.String;
                format = "byte";
                break;
            case ValueKind.Enum:
                type = SchemaType.String;
                var names = new List<string>();
                foreach (EnumMemberSpec member in value.EnumMembers)
                {
                    names.Add(member.JsonName);
                }

                enumValues = EquatableArray.From(names);
                break;
            case ValueKind.Collection:
                type = SchemaType.Array;
                items = Build(value.Element!, null, ConstraintsSpec.None);
                break;
            case ValueKind.Dictionary:
                type = SchemaType.Object;
                description = ParameterAttributes.Append(description, "An object with free-form string keys; each value is " + Noun(value.Element!) + ".");
                break;
            default:
                type = SchemaType.Object;
                var props = new List<SchemaPropertySpec>();
                var req = new List<string>();
                var order = new List<string>();
                foreach (PropertySpec property in value.Object!.Properties)
                {
                    props.Add(new SchemaPropertySpec(property.JsonName, Build(property.Value, property.Description, property.Constraints)));
                    order.Add(property.JsonName);
                    if (property.IsRequired)
                    {
                        req.Add(property.JsonName);
                    }
                }

                properties = EquatableArray.From(props);
                required = EquatableArray.From(req);
                ordering = EquatableArray.From(order);
                break;
        }

        if (value.Kind == ValueKind.String && constraints.HasStringRules)
        {
            StringRuleSchema(constraints, ref format, ref description, ref enumValues);
        }

        if (constraints.HasLength)
        {
            if (value.Kind == ValueKind.Collection)
            {
                minItems = constraints.MinLength;
                maxItems = constraints.MaxLength;
            }
            else if (value.Kind == ValueKind.String)
            {
                minLength = constraints.MinLength;
                maxLength = constraints.MaxLength;
            }
            else if (value.Kind == ValueKind.Bytes)
            {
                // minLength/maxLength would count base64 characters; the limit is on the decoded bytes.
                description = ParameterAttributes.Append(description, ByteCount(constraints) + ".");
            }
        }

        // [Range] on a string bounds the number it holds, which the description states; minimum/maximum are for numbers.
        bool numberBounds = value.Kind != ValueKind.String;
        return new SchemaSpec(
            type,
            format,
            description,
            value.IsNullable,
            enumValues,
            items,
            properties,
            required,
            ordering,
            numberBounds ? constraints.Minimum : null,
            numberBounds ? constraints.Maximum : null,
            minItems,
            maxItems,
            minLength,
            maxLength,
            constraints.Pattern);
    }

    /// <summary>The top-level <c>parameters</c> object: properties and required names, no ordering (as the official client sends it).</summary>
    public static SchemaSpec Parameters(List<SchemaPropertySpec> properties, List<string> required) =>
        new(
            SchemaType.Object,
            null,
            null,
            false,
            EquatableArray<string>.Empty,
            null,
            EquatableArray.From(properties),
            EquatableArray.From(required),
            EquatableArray<string>.Empty,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    private static string Noun(ValueSpec value) => value.Kind switch
    {
        ValueKind.Enum when value.IsFlags => "an array",
        ValueKind.Bytes => "a string",
        ValueKind.String or ValueKind.Char or ValueKind.Enum or ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.DateOnly
            or ValueKind.TimeOnly or ValueKind.TimeSpan or ValueKind.Guid or ValueKind.Uri => "a string",
        ValueKind.Boolean => "a boolean",
        ValueKind.Single or ValueKind.Double or ValueKind.Decimal => "a number",
        ValueKind.Collection => "an array",
        ValueKind.Dictionary or ValueKind.Object => "an object",
        ValueKind.JsonElement => "any JSON value",
        _ => "an integer",
    };
}
