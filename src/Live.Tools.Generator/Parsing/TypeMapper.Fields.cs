using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <content>
/// The members of an object as System.Text.Json sees them: public properties, and fields only with
/// <c>[JsonInclude]</c> (STJ ignores other fields unless <c>IncludeFields</c> is set, which the generator cannot see,
/// so it follows the default and says so with LIVE019).
/// </content>
internal sealed partial class TypeMapper
{
    /// <summary>The annotations on members of objects that the dispatcher does not check, with the member's path (LIVE019).</summary>
    public List<(string Path, Unenforced Annotation)> UnenforcedAnnotations { get; } = new();

    /// <summary>Where the annotations of one member go before <see cref="Record"/> moves them, with its path, to <see cref="UnenforcedAnnotations"/>.</summary>
    private readonly List<Unenforced> _unchecked = new();

    private void Record(string path)
    {
        foreach (Unenforced annotation in _unchecked)
        {
            UnenforcedAnnotations.Add((path, annotation));
        }

        _unchecked.Clear();
    }

    /// <summary>The public properties, then the <c>[JsonInclude]</c> fields; records ignored public fields. Null (and <see cref="Failure"/> set) for an unreachable included field.</summary>
    private List<ISymbol>? Members(INamedTypeSymbol type, string path)
    {
        var members = new List<ISymbol>(Properties(type));
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is not IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field)
                {
                    continue;
                }

                bool included = _known.Find(field, _known.JsonIncludeAttribute) is not null;
                if (!included)
                {
                    if (field.DeclaredAccessibility == Accessibility.Public && _known.Find(field, _known.JsonIgnoreAttribute) is null)
                    {
                        string ignored = path + "." + field.Name;
                        if (!IgnoredFields.Contains(ignored))
                        {
                            IgnoredFields.Add(ignored);
                        }
                    }

                    continue;
                }

                if (!IsAccessible(field))
                {
                    Fail(path + "." + field.Name, field.Type, "a [JsonInclude] field must be public (or internal in this assembly) for the generated code to reach it");
                    return null;
                }

                if (members.Exists(m => m.Name == field.Name))
                {
                    continue;
                }

                members.Add(field);
            }
        }

        return members;
    }

    private static ITypeSymbol MemberType(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        _ => throw new System.ArgumentException("not a property or field", nameof(member)),
    };

    /// <summary>Whether the JSON can set the member after construction (a read-only field only through the constructor).</summary>
    private bool Settable(ISymbol member) => member switch
    {
        IPropertySymbol property => property.SetMethod is { } setter && IsAccessible(setter),
        IFieldSymbol field => !field.IsReadOnly,
        _ => false,
    };
}
