using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Live.Tools.Generator.Emitting;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <summary>Reads descriptions, DataAnnotations and default values of parameters and properties.</summary>
internal static partial class ParameterAttributes
{
    public static string? Description(KnownTypes known, ISymbol symbol, CancellationToken cancellationToken)
    {
        if (known.Find(symbol, known.DescriptionAttribute) is { } attribute
            && attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Value is string text
            && text.Length > 0)
        {
            return text;
        }

        if (symbol is IParameterSymbol parameter)
        {
            return parameter.ContainingSymbol is IMethodSymbol method
                ? DocComments.Param(known.DocComment(method, cancellationToken), parameter.Name)
                : null;
        }

        return DocComments.Summary(known.DocComment(symbol, cancellationToken));
    }

    public static ConstraintsSpec Constraints(KnownTypes known, ValueSpec value, IEnumerable<ISymbol> symbols, out bool required) =>
        Constraints(known, value, symbols, out required, unenforced: null);

    /// <summary>As above; each annotation the dispatcher cannot check is added to <paramref name="unenforced"/> with the reason.</summary>
    public static ConstraintsSpec Constraints(KnownTypes known, ValueSpec value, IEnumerable<ISymbol> symbols, out bool required, List<Unenforced>? unenforced)
    {
        StringRules rules = StringRules.None;
        var allowed = new List<string>();
        var denied = new List<string>();
        required = false;
        double? minimum = null, maximum = null;
        bool minimumExclusive = false, maximumExclusive = false;
        long? minLength = null, maxLength = null;
        string? pattern = null;
        bool nonEmpty = false;
        bool isNumber = IsNumber(value.Kind);
        bool hasLength = value.Kind is ValueKind.String or ValueKind.Collection or ValueKind.Bytes;

        foreach (ISymbol symbol in symbols)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                INamedTypeSymbol? type = attribute.AttributeClass;
                if (KnownTypes.Is(type, known.RangeAttribute) && !isNumber && attribute.ConstructorArguments.Length >= 2)
                {
                    if (value.Kind == ValueKind.String && NumericOperand(attribute))
                    {
                        rules |= StringRules.NumberInRange;
                        minimum = Number(attribute.ConstructorArguments[attribute.ConstructorArguments.Length - 2]);
                        maximum = Number(attribute.ConstructorArguments[attribute.ConstructorArguments.Length - 1]);
                        minimumExclusive = Named(attribute, "MinimumIsExclusive") is true;
                        maximumExclusive = Named(attribute, "MaximumIsExclusive") is true;
                    }
                    else
                    {
                        unenforced?.Add(new Unenforced("Range", value.Kind == ValueKind.String
                            ? "on a string only numeric bounds are checked; take the typed value (for example a DateOnly parameter) and check it in the method"
                            : "only numbers, and strings holding numbers, are checked; check the value in the method"));
                    }
                }
                else if (KnownTypes.Is(type, known.RangeAttribute) && isNumber && attribute.ConstructorArguments.Length >= 2)
                {
                    minimum = Number(attribute.ConstructorArguments[attribute.ConstructorArguments.Length - 2]);
                    maximum = Number(attribute.ConstructorArguments[attribute.ConstructorArguments.Length - 1]);
                    minimumExclusive = Named(attribute, "MinimumIsExclusive") is true;
                    maximumExclusive = Named(attribute, "MaximumIsExclusive") is true;
                }
                else if (KnownTypes.Is(type, known.MinLengthAttribute) && hasLength && Int(attribute, 0) is { } min)
                {
                    minLength = min;
                }
                else if (KnownTypes.Is(type, known.MaxLengthAttribute) && hasLength && Int(attribute, 0) is { } max && max >= 0)
                {
                    maxLength = max;
                }
                else if (KnownTypes.Is(type, known.LengthAttribute) && hasLength && Int(attribute, 0) is { } lower && Int(attribute, 1) is { } upper)
                {
                    minLength = lower;
                    maxLength = upper;
                }
                else if (KnownTypes.Is(type, known.StringLengthAttribute) && value.Kind == ValueKind.String && Int(attribute, 0) is { } longest)
                {
                    maxLength = longest;
                    if (Named(attribute, "MinimumLength") is int shortest && shortest > 0)
                    {
                        minLength = shortest;
                    }
                }
                else if (KnownTypes.Is(type, known.RegularExpressionAttribute) && value.Kind == ValueKind.String
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string regex)
                {
                    pattern = regex;
                }
                else if (KnownTypes.Is(type, known.RequiredAttribute))
                {
                    required = true;
                    nonEmpty = value.Kind == ValueKind.String && Named(attribute, "AllowEmptyStrings") is not true;
                }
                else
                {
                    StringRule(known, attribute, value, ref rules, allowed, denied, unenforced);
                }
            }
        }

        return new ConstraintsSpec(minimum, maximum, minimumExclusive, maximumExclusive, minLength, maxLength, pattern, nonEmpty, rules, EquatableArray.From(allowed), EquatableArray.From(denied));
    }

    /// <summary>The default of an optional parameter: its explicit constant, or the type's default.</summary>
    public static DefaultValueSpec Default(IParameterSymbol parameter, ValueSpec value)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is null)
        {
            return DefaultValueSpec.TypeDefault;
        }

        object constant = parameter.ExplicitDefaultValue;
        if (value.Kind == ValueKind.Enum)
        {
            return DefaultValueSpec.Constant(Literals.Cast(value.TypeName, constant));
        }

        return DefaultValueSpec.Constant(constant switch
        {
            string text => Literals.String(text),
            char c => Literals.Char(c),
            bool b => Literals.Boolean(b),
            double d => Literals.Double(d),
            float f => Literals.Single(f),
            decimal m => Literals.Decimal(m),
            _ => Literals.Cast(value.TypeName, constant),
        });
    }

    /// <summary>Adds "Default: x." to a description when the parameter has an explicit non-null default.</summary>
    public static string? WithDefault(string? description, IParameterSymbol parameter, ValueSpec value)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is null)
        {
            return description;
        }

        object constant = parameter.ExplicitDefaultValue;
        string? shown = null;
        if (value.Kind == ValueKind.Enum)
        {
            string number = Convert.ToString(constant, CultureInfo.InvariantCulture) ?? string.Empty;
            foreach (EnumMemberSpec member in value.EnumMembers)
            {
                if (member.Value == number)
                {
                    shown = member.JsonName;
                    break;
                }
            }

            shown ??= number;
        }
        else
        {
            shown = constant switch
            {
                string text => "\"" + text + "\"",
                char c => "\"" + c + "\"",
                bool b => b ? "true" : "false",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => constant.ToString(),
            };
        }

        return Append(description, "Default: " + shown + ".");
    }

    public static string Append(string? description, string sentence)
    {
        if (string.IsNullOrEmpty(description))
        {
            return sentence;
        }

        char last = description![description.Length - 1];
        return description + (last is '.' or '!' or '?' ? " " : ". ") + sentence;
    }

    public static bool IsNumber(ValueKind kind) => kind is ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16
        or ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.IntPtr or ValueKind.UIntPtr
        or ValueKind.Single or ValueKind.Double or ValueKind.Decimal;

    public static bool IsInteger(ValueKind kind) => IsNumber(kind) && kind is not (ValueKind.Single or ValueKind.Double or ValueKind.Decimal);

    private static double? Number(TypedConstant constant)
    {
        if (constant.Value is null)
        {
            return null;
        }

        if (constant.Value is string text)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : null;
        }

        return constant.Value is IConvertible convertible ? convertible.ToDouble(CultureInfo.InvariantCulture) : null;
    }

    private static long? Int(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is int value ? value : null;

    private static object? Named(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value;
            }
        }

        return null;
    }
}
