using System.Collections.Generic;
using System.Globalization;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Parsing;

/// <content>How the string-form DataAnnotations show in the schema: a <c>format</c>, an <c>enum</c>, or a sentence of the description.</content>
internal static partial class SchemaBuilder
{
    private static void StringRuleSchema(ConstraintsSpec constraints, ref string? format, ref string? description, ref EquatableArray<string> enumValues)
    {
        StringRules rules = constraints.Rules;
        if ((rules & StringRules.EmailAddress) != 0)
        {
            format = "email";
            description = ParameterAttributes.Append(description, "An email address.");
        }

        if ((rules & StringRules.Url) != 0)
        {
            format = "uri";
            description = ParameterAttributes.Append(description, "An http, https or ftp URL.");
        }

        if ((rules & StringRules.Phone) != 0)
        {
            description = ParameterAttributes.Append(description, "A phone number.");
        }

        if ((rules & StringRules.Base64) != 0)
        {
            format = "byte";
            description = ParameterAttributes.Append(description, "Base64-encoded.");
        }

        if ((rules & StringRules.NumberInRange) != 0)
        {
            description = ParameterAttributes.Append(description, "A number" + Bounds(constraints) + ", written as a string.");
        }

        if (!constraints.AllowedValues.IsEmpty)
        {
            enumValues = constraints.AllowedValues;
        }

        if (!constraints.DeniedValues.IsEmpty)
        {
            var quoted = new List<string>();
            foreach (string denied in constraints.DeniedValues)
            {
                quoted.Add("\"" + denied + "\"");
            }

            description = ParameterAttributes.Append(description, "Not " + string.Join(", ", quoted) + ".");
        }
    }

    /// <summary>The byte limits of <c>[MinLength]</c>/<c>[MaxLength]</c>/<c>[Length]</c> on bytes, as a sentence: <c>At most 1024 bytes</c>.</summary>
    private static string ByteCount(ConstraintsSpec constraints)
    {
        string Show(long count) => count.ToString(CultureInfo.InvariantCulture);
        return constraints.MinLength is { } min && constraints.MaxLength is { } max
            ? (min == max ? Show(min) : "From " + Show(min) + " to " + Show(max)) + " bytes"
            : constraints.MinLength is { } onlyMin
                ? "At least " + Show(onlyMin) + " bytes"
                : "At most " + Show(constraints.MaxLength ?? 0) + " bytes";
    }

    private static string Bounds(ConstraintsSpec constraints)
    {
        string Show(double bound) => bound.ToString("R", CultureInfo.InvariantCulture);
        if (constraints.Minimum is { } min && constraints.Maximum is { } max && !constraints.MinimumIsExclusive && !constraints.MaximumIsExclusive)
        {
            return " from " + Show(min) + " to " + Show(max);
        }

        var parts = new List<string>();
        if (constraints.Minimum is { } lower)
        {
            parts.Add((constraints.MinimumIsExclusive ? " greater than " : " at least ") + Show(lower));
        }

        if (constraints.Maximum is { } upper)
        {
            parts.Add((constraints.MaximumIsExclusive ? " less than " : " at most ") + Show(upper));
        }

        return string.Join(" and", parts);
    }
}
