using System.Collections.Generic;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <content>
/// The DataAnnotations that check the form of a string (<c>[EmailAddress]</c>, <c>[Url]</c>, <c>[Phone]</c>,
/// <c>[Base64String]</c>, <c>[AllowedValues]</c>, <c>[DeniedValues]</c>), and the annotations the dispatcher cannot check
/// where they stand (reported as LIVE019 rather than ignored without a word).
/// </content>
internal static partial class ParameterAttributes
{
    private static void StringRule(KnownTypes known, AttributeData attribute, ValueSpec value, ref StringRules rules, List<string> allowed, List<string> denied, List<Unenforced>? unenforced)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        bool isString = value.Kind == ValueKind.String;
        StringRules rule = KnownTypes.Is(type, known.EmailAddressAttribute) ? StringRules.EmailAddress
            : KnownTypes.Is(type, known.UrlAttribute) ? StringRules.Url
            : KnownTypes.Is(type, known.PhoneAttribute) ? StringRules.Phone
            : KnownTypes.Is(type, known.Base64StringAttribute) ? StringRules.Base64
            : StringRules.None;
        if (rule != StringRules.None)
        {
            if (isString)
            {
                rules |= rule;
            }
            else
            {
                unenforced?.Add(new Unenforced(ShortName(type!), "it checks strings only, and this value is " + Noun(value) + "; take a string, or drop the attribute"));
            }

            return;
        }

        bool isAllowed = KnownTypes.Is(type, known.AllowedValuesAttribute);
        if (isAllowed || KnownTypes.Is(type, known.DeniedValuesAttribute))
        {
            if (!isString)
            {
                unenforced?.Add(new Unenforced(ShortName(type!), "only strings are checked, and this value is " + Noun(value) + "; use an enum for a closed set of values, or check it in the method"));
                return;
            }

            List<string> target = isAllowed ? allowed : denied;
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Array)
                {
                    foreach (TypedConstant item in argument.Values)
                    {
                        // A non-string item never equals a string (object.Equals), so DataAnnotations never matches it either.
                        if (item.Value is string text && !target.Contains(text))
                        {
                            target.Add(text);
                        }
                    }
                }
            }

            return;
        }

        bool hasLength = value.Kind is ValueKind.String or ValueKind.Collection or ValueKind.Bytes;
        if ((KnownTypes.Is(type, known.MinLengthAttribute) || KnownTypes.Is(type, known.MaxLengthAttribute) || KnownTypes.Is(type, known.LengthAttribute)) && !hasLength)
        {
            unenforced?.Add(new Unenforced(ShortName(type!), "only the length of strings, arrays and bytes is checked, and this value is " + Noun(value)));
        }
        else if ((KnownTypes.Is(type, known.StringLengthAttribute) || KnownTypes.Is(type, known.RegularExpressionAttribute)) && !isString)
        {
            unenforced?.Add(new Unenforced(ShortName(type!), "it checks strings only, and this value is " + Noun(value)));
        }
    }

    /// <summary>Whether a <c>[Range]</c> compares numbers: the <c>(int, int)</c> or <c>(double, double)</c> form, or a numeric <c>typeof</c>.</summary>
    private static bool NumericOperand(AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length == 2)
        {
            return true;
        }

        return attribute.ConstructorArguments.Length == 3
            && attribute.ConstructorArguments[0].Value is ITypeSymbol operand
            && operand.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;
    }

    private static string ShortName(INamedTypeSymbol type) =>
        type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;

    private static string Noun(ValueSpec value) => value.Kind switch
    {
        ValueKind.Collection => "an array",
        ValueKind.Dictionary => "a dictionary",
        ValueKind.Object => "an object",
        ValueKind.Enum => "an enum",
        ValueKind.Bytes => "bytes (already decoded from base64)",
        ValueKind.Boolean => "a boolean",
        _ when IsNumber(value.Kind) => "a number",
        _ => "a " + value.TypeName.Replace("global::", string.Empty),
    };
}
