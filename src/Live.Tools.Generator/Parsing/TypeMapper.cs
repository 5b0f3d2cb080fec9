using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// Maps C# types to <see cref="ValueSpec"/> trees: the table of docs/generator.md. A type that cannot be mapped sets
/// <see cref="Failure"/> to its path and the reason (for example <c>request.Attachments[].Content: System.IO.Stream is not supported</c>).
/// </summary>
internal sealed partial class TypeMapper
{
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private const int MaxDepth = 32;

    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ITypeSymbol> _stack = new();
    private int _depth;

    public TypeMapper(KnownTypes known, CancellationToken cancellationToken)
    {
        _known = known;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Why the last mapping failed: the path inside the type and the reason.</summary>
    public string? Failure { get; private set; }

    /// <summary>The first JSON name that breaks Gemini's parameter-name rule, with its path.</summary>
    public string? InvalidName { get; private set; }

    /// <summary>
    /// The public fields without <c>[JsonInclude]</c> met while mapping, as <c>path.Field</c>: System.Text.Json ignores
    /// them, and so does the generated code (they are left out of the schema and never read or written).
    /// </summary>
    public List<string> IgnoredFields { get; } = new();

    /// <summary>Forgets the last failure, before mapping another root (the result after the parameters).</summary>
    public void Reset()
    {
        Failure = null;
        InvalidName = null;
        IgnoredFields.Clear();
        UnenforcedAnnotations.Clear();
    }

    public static string Display(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>
    /// Maps a type. A root mapping (a parameter or a result, not a member inside one) that succeeds depends only on the
    /// type and the direction, so it is shared through <see cref="KnownTypes"/> by every tool of the compilation.
    /// </summary>
    public ValueSpec? Map(ITypeSymbol type, bool input, string path)
    {
        if (_depth > 0)
        {
            return MapType(type, input, path);
        }

        if (_known.TryGetMapped(type, input, out ValueSpec? shared))
        {
            return shared;
        }

        bool clean = Failure is null && InvalidName is null;
        _depth++;
        ValueSpec? value;
        try
        {
            value = MapType(type, input, path);
        }
        finally
        {
            _depth--;
        }

        if (clean && value is not null && Failure is null && InvalidName is null)
        {
            _known.AddMapped(type, input, value);
        }

        return value;
    }

    private ValueSpec? MapType(ITypeSymbol type, bool input, string path)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        bool nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            type = nullableType.TypeArguments[0];
            nullable = true;
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            nullable = true;
            type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        string name = Display(type);
        ValueKind? simple = SimpleKind(type);
        if (simple is { } kind)
        {
            return new ValueSpec(kind, name, nullable, type.IsValueType, CollectionKind.None, null, EquatableArray<EnumMemberSpec>.Empty, null, null);
        }

        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return Fail(path, type, "pointers cannot be sent as JSON");
            case ITypeParameterSymbol:
                return Fail(path, type, "a generic type parameter has no schema");
            case IDynamicTypeSymbol:
                return Fail(path, type, "dynamic has no schema");
            case IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte }:
                return Bytes(name, nullable, isValueType: false);
            case IArrayTypeSymbol array:
                if (array.Rank != 1)
                {
                    return Fail(path, type, "only single-dimensional arrays are supported");
                }

                return Collection(array.ElementType, CollectionKind.Array, name, nullable, false, input, path);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            return Enum(enumType, name, nullable);
        }

        if (type is INamedTypeSymbol named)
        {
            if (named.IsGenericType)
            {
                ITypeSymbol first = named.TypeArguments[0];
                if ((KnownTypes.IsGeneric(named, _known.ReadOnlyMemory) || KnownTypes.IsGeneric(named, _known.Memory)) && first.SpecialType == SpecialType.System_Byte)
                {
                    return Bytes(name, nullable, isValueType: true);
                }

                if (KnownTypes.IsGeneric(named, _known.List) || KnownTypes.IsGeneric(named, _known.IList) || KnownTypes.IsGeneric(named, _known.ICollection))
                {
                    return Collection(first, CollectionKind.List, name, nullable, false, input, path);
                }

                if (KnownTypes.IsGeneric(named, _known.IEnumerable) || KnownTypes.IsGeneric(named, _known.IReadOnlyList) || KnownTypes.IsGeneric(named, _known.IReadOnlyCollection))
                {
                    return Collection(first, CollectionKind.Array, name, nullable, false, input, path);
                }

                if (KnownTypes.IsGeneric(named, _known.HashSet))
                {
                    return Collection(first, CollectionKind.HashSet, name, nullable, false, input, path);
                }

                if (KnownTypes.IsGeneric(named, _known.ImmutableArray))
                {
                    return Collection(first, CollectionKind.ImmutableArray, name, nullable, true, input, path);
                }

                if (KnownTypes.IsGeneric(named, _known.Dictionary) || KnownTypes.IsGeneric(named, _known.IDictionary) || KnownTypes.IsGeneric(named, _known.IReadOnlyDictionary))
                {
                    if (first.SpecialType != SpecialType.System_String)
                    {
                        return Fail(path, type, "dictionary keys must be strings (JSON object keys)");
                    }

                    ValueSpec? value = Map(named.TypeArguments[1], input, path + "[]");
                    return value is null
                        ? null
                        : new ValueSpec(ValueKind.Dictionary, name, nullable, false, CollectionKind.Dictionary, value, EquatableArray<EnumMemberSpec>.Empty, null, null);
                }
            }

            return Object(named, name, nullable, input, path);
        }

        return Fail(path, type, "this kind of type has no schema");
    }

    private ValueKind? SimpleKind(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return ValueKind.String;
            case SpecialType.System_Char: return ValueKind.Char;
            case SpecialType.System_Boolean: return ValueKind.Boolean;
            case SpecialType.System_Byte: return ValueKind.Byte;
            case SpecialType.System_SByte: return ValueKind.SByte;
            case SpecialType.System_Int16: return ValueKind.Int16;
            case SpecialType.System_UInt16: return ValueKind.UInt16;
            case SpecialType.System_Int32: return ValueKind.Int32;
            case SpecialType.System_UInt32: return ValueKind.UInt32;
            case SpecialType.System_Int64: return ValueKind.Int64;
            case SpecialType.System_UInt64: return ValueKind.UInt64;
            case SpecialType.System_IntPtr: return ValueKind.IntPtr;
            case SpecialType.System_UIntPtr: return ValueKind.UIntPtr;
            case SpecialType.System_Single: return ValueKind.Single;
            case SpecialType.System_Double: return ValueKind.Double;
            case SpecialType.System_Decimal: return ValueKind.Decimal;
            case SpecialType.System_DateTime: return ValueKind.DateTime;
        }

        if (KnownTypes.Is(type, _known.DateTimeOffset))
        {
            return ValueKind.DateTimeOffset;
        }

        if (KnownTypes.Is(type, _known.DateOnly))
        {
            return ValueKind.DateOnly;
        }

        if (KnownTypes.Is(type, _known.TimeOnly))
        {
            return ValueKind.TimeOnly;
        }

        if (KnownTypes.Is(type, _known.TimeSpan))
        {
            return ValueKind.TimeSpan;
        }

        if (KnownTypes.Is(type, _known.Guid))
        {
            return ValueKind.Guid;
        }

        if (KnownTypes.Is(type, _known.Uri))
        {
            return ValueKind.Uri;
        }

        if (KnownTypes.Is(type, _known.JsonElement))
        {
            return ValueKind.JsonElement;
        }

        return null;
    }

    private static ValueSpec Bytes(string name, bool nullable, bool isValueType) =>
        new(ValueKind.Bytes, name, nullable, isValueType, CollectionKind.None, null, EquatableArray<EnumMemberSpec>.Empty, null, null);

    private ValueSpec? Collection(ITypeSymbol element, CollectionKind collection, string name, bool nullable, bool isValueType, bool input, string path)
    {
        ValueSpec? item = Map(element, input, path + "[]");
        return item is null
            ? null
            : new ValueSpec(ValueKind.Collection, name, nullable, isValueType, collection, item, EquatableArray<EnumMemberSpec>.Empty, null, null);
    }

    private ValueSpec Enum(INamedTypeSymbol type, string name, bool nullable)
    {
        var members = new List<EnumMemberSpec>();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsConst: true } field)
            {
                string jsonName = _known.Find(field, _known.JsonStringEnumMemberNameAttribute) is { } attribute
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string custom
                        ? custom
                        : Naming.ToSnakeCase(field.Name);
                string value = Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) ?? "0";
                members.Add(new EnumMemberSpec(field.Name, jsonName, value));
            }
        }

        string underlying = type.EnumUnderlyingType?.ToDisplayString() ?? "int";
        bool flags = _known.Find(type, _known.FlagsAttribute) is not null;
        return new ValueSpec(ValueKind.Enum, name, nullable, true, CollectionKind.None, null, EquatableArray.From(members), underlying, null, flags);
    }

    private ValueSpec? Object(INamedTypeSymbol type, string name, bool nullable, bool input, string path)
    {
        if (type.SpecialType == SpecialType.System_Object)
        {
            return Fail(path, type, "object has no schema; use a concrete type or JsonElement");
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return Fail(path, type, "delegates cannot be sent as JSON");
        }

        string? ns = type.ContainingNamespace?.ToDisplayString();
        if (ns is not null && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal)))
        {
            return Fail(path, type, "this framework type is not supported");
        }

        if (_known.Find(type, _known.JsonConverterAttribute) is not null)
        {
            return Fail(path, type, "its [JsonConverter] decides its JSON, which the generator cannot see; take the JSON form (for example a string) and convert it in the method");
        }

        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return Fail(path, type, "interfaces and other abstract types cannot be created from JSON");
        }

        if (type.IsAbstract || type.IsStatic)
        {
            return Fail(path, type, "abstract and static types cannot be created from JSON");
        }

        if (type.IsRefLikeType)
        {
            return Fail(path, type, "ref structs cannot be sent as JSON");
        }

        foreach (ITypeSymbol open in _stack)
        {
            if (SymbolEqualityComparer.Default.Equals(open, type))
            {
                return Fail(path, type, "the type contains itself, which a Gemini schema cannot express");
            }
        }

        if (_stack.Count >= MaxDepth)
        {
            return Fail(path, type, "the type is nested too deeply");
        }

        _stack.Add(type);
        try
        {
            ObjectSpec? shape = input ? InputObject(type, name, path) : OutputObject(type, name, path);
            return shape is null
                ? null
                : new ValueSpec(ValueKind.Object, name, nullable, type.IsValueType, CollectionKind.None, null, EquatableArray<EnumMemberSpec>.Empty, null, shape);
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private ObjectSpec? InputObject(INamedTypeSymbol type, string name, string path)
    {
        IMethodSymbol? constructor = ChooseConstructor(type, out string? problem);
        if (constructor is null)
        {
            Fail(path, type, problem ?? "it has no public constructor");
            return null;
        }

        XElement? typeDoc = null;
        bool typeDocRead = false;
        var properties = new List<PropertySpec>();
        var byName = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<ISymbol>? all = Members(type, path);
        if (all is null)
        {
            return null;
        }

        for (int i = 0; i < constructor.Parameters.Length; i++)
        {
            IParameterSymbol parameter = constructor.Parameters[i];
            ISymbol? property = all.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            string memberName = property?.Name ?? parameter.Name;
            string jsonName = JsonName(property, memberName);
            CheckName(jsonName, path);
            ValueSpec? value = Map(parameter.Type, input: true, path + "." + memberName);
            if (value is null)
            {
                return null;
            }

            ConstraintsSpec constraints = ParameterAttributes.Constraints(_known, value, property is null ? new ISymbol[] { parameter } : new ISymbol[] { parameter, property }, out bool requiredAttribute, _unchecked);
            Record(path + "." + memberName);
            bool required = requiredAttribute || (!value.IsNullable && !parameter.IsOptional);
            DefaultValueSpec defaultValue = parameter.IsOptional ? ParameterAttributes.Default(parameter, value) : value.IsNullable ? DefaultValueSpec.TypeDefault : DefaultValueSpec.None;
            string? description = ParameterAttributes.Description(_known, parameter, _cancellationToken)
                ?? (property is null ? null : PropertyDescription(property, ref typeDoc, ref typeDocRead, type));
            if (description is null)
            {
                EnsureTypeDoc(type, ref typeDoc, ref typeDocRead);
                description = DocComments.Param(typeDoc, parameter.Name);
            }

            description = ParameterAttributes.WithDefault(description, parameter, value);
            properties.Add(new PropertySpec(memberName, jsonName, value, PropertyAssignment.Constructor, i, required, defaultValue, constraints, description));
            byName.Add(memberName);
        }

        foreach (ISymbol property in all)
        {
            if (byName.Contains(property.Name) || !Settable(property) || Ignored(property))
            {
                continue;
            }

            string jsonName = JsonName(property, property.Name);
            CheckName(jsonName, path);
            ValueSpec? value = Map(MemberType(property), input: true, path + "." + property.Name);
            if (value is null)
            {
                return null;
            }

            ConstraintsSpec constraints = ParameterAttributes.Constraints(_known, value, new ISymbol[] { property }, out bool requiredAttribute, _unchecked);
            Record(path + "." + property.Name);
            bool isRequiredMember = property is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };
            bool required = isRequiredMember || requiredAttribute;
            PropertyAssignment assignment = isRequiredMember || property is IPropertySymbol { SetMethod.IsInitOnly: true } ? PropertyAssignment.Initializer : PropertyAssignment.Setter;
            string? description = PropertyDescription(property, ref typeDoc, ref typeDocRead, type);
            properties.Add(new PropertySpec(property.Name, jsonName, value, assignment, ConstructorIndex: -1, required, DefaultValueSpec.None, constraints, description));
        }

        return new ObjectSpec(name, type.IsValueType, constructor.Parameters.Length, EquatableArray.From(properties));
    }

    private ObjectSpec? OutputObject(INamedTypeSymbol type, string name, string path)
    {
        var properties = new List<PropertySpec>();
        List<ISymbol>? members = Members(type, path);
        if (members is null)
        {
            return null;
        }

        foreach (ISymbol property in members)
        {
            if ((property is IPropertySymbol { GetMethod: var getter } && (getter is null || !IsAccessible(getter))) || Ignored(property))
            {
                continue;
            }

            ValueSpec? value = Map(MemberType(property), input: false, path + "." + property.Name);
            if (value is null)
            {
                return null;
            }

            properties.Add(new PropertySpec(property.Name, JsonName(property, property.Name), value, PropertyAssignment.Read, ConstructorIndex: -1, IsRequired: false, DefaultValueSpec.None, ConstraintsSpec.None, Description: null));
        }

        return new ObjectSpec(name, type.IsValueType, 0, EquatableArray.From(properties));
    }

    private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, out string? problem)
    {
        problem = null;
        var candidates = new List<IMethodSymbol>();
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor))
            {
                continue;
            }

            if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type))
            {
                continue;
            }

            if (_known.Find(constructor, _known.JsonConstructorAttribute) is not null)
            {
                return constructor;
            }

            candidates.Add(constructor);
        }

        // A struct's implicit parameterless constructor loses to a declared one (a positional record struct).
        IMethodSymbol? parameterless = candidates.FirstOrDefault(c => c.Parameters.Length == 0 && !(type.IsValueType && c.IsImplicitlyDeclared));
        if (parameterless is not null)
        {
            return parameterless;
        }

        List<IMethodSymbol> withParameters = candidates.Where(c => c.Parameters.Length > 0).ToList();
        if (withParameters.Count == 1)
        {
            return withParameters[0];
        }

        if (withParameters.Count == 0 && candidates.Count > 0)
        {
            return candidates[0];
        }

        problem = candidates.Count == 0
            ? "it has no public constructor"
            : "it has several public constructors; mark the one to use with [JsonConstructor]";
        return null;
    }

    private List<IPropertySymbol> Properties(INamedTypeSymbol type)
    {
        var result = new List<IPropertySymbol>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Add(current);
        }

        for (int i = chain.Count - 1; i >= 0; i--)
        {
            foreach (ISymbol member in chain[i].GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property
                    && !property.IsImplicitlyDeclared)
                {
                    if (seen.Add(property.Name))
                    {
                        result.Add(property);
                    }
                    else
                    {
                        int index = result.FindIndex(p => p.Name == property.Name);
                        result[index] = property;
                    }
                }
            }
        }

        return result;
    }

    private string? PropertyDescription(ISymbol property, ref XElement? typeDoc, ref bool typeDocRead, INamedTypeSymbol type)
    {
        string? description = ParameterAttributes.Description(_known, property, _cancellationToken);
        if (description is not null)
        {
            return description;
        }

        EnsureTypeDoc(type, ref typeDoc, ref typeDocRead);
        return DocComments.Param(typeDoc, property.Name);
    }

    private void EnsureTypeDoc(INamedTypeSymbol type, ref XElement? typeDoc, ref bool typeDocRead)
    {
        if (!typeDocRead)
        {
            typeDoc = _known.DocComment(type, _cancellationToken);
            typeDocRead = true;
        }
    }

    private bool Ignored(ISymbol property)
    {
        AttributeData? ignore = _known.Find(property, _known.JsonIgnoreAttribute);
        if (ignore is null)
        {
            return false;
        }

        foreach (KeyValuePair<string, TypedConstant> argument in ignore.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Value is int condition)
            {
                return condition == 1;
            }
        }

        return true;
    }

    private string JsonName(ISymbol? property, string memberName)
    {
        if (property is not null
            && _known.Find(property, _known.JsonPropertyNameAttribute) is { } attribute
            && attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Value is string custom)
        {
            return custom;
        }

        return Naming.ToSnakeCase(memberName);
    }

    private void CheckName(string jsonName, string path)
    {
        if (InvalidName is null && !Naming.IsValidParameterName(jsonName))
        {
            InvalidName = jsonName;
        }
    }

    private bool IsAccessible(ISymbol symbol) =>
        symbol.DeclaredAccessibility == Accessibility.Public
        || (symbol.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal
            && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _known.Compilation.Assembly));

    private ValueSpec? Fail(string path, ITypeSymbol type, string reason)
    {
        Failure ??= path + ": " + type.ToDisplayString() + " (" + reason + ")";
        return null;
    }
}
