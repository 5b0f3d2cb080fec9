using System.Collections.Generic;
using System.Linq;
using Live.Tools.Generator.Diagnostics;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// Chooses the constructor the generated <c>ILiveToolFactory&lt;T&gt;</c> calls, as <c>ActivatorUtilities</c> would
/// but at compile time: the type's only public constructor; with several, the one marked
/// <c>[ActivatorUtilitiesConstructor]</c>; otherwise none (LIVE022). Each parameter is resolved from services.
/// </summary>
internal static class ConstructionParser
{
    private const string ActivatorUtilitiesConstructorName = "Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute";
    private const string SetsRequiredMembersName = "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";

    /// <summary>
    /// How a tool type is created. A type the factory is not for (static, abstract, a struct) has none and no problem;
    /// a class whose constructor cannot be chosen or bound gets a LIVE022 problem when <paramref name="problems"/> is given.
    /// </summary>
    public static ConstructionSpec Parse(INamedTypeSymbol type, List<Problem>? problems)
    {
        bool visible = true;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            visible &= current.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
        }

        var none = new ConstructionSpec(visible, HasFactory: false, EquatableArray<ServiceSpec>.Empty);
        if (type.IsStatic || type.IsAbstract || type.TypeKind != TypeKind.Class)
        {
            return none;
        }

        IMethodSymbol? constructor = Choose(type, out string? reason);
        if (constructor is not null && HasRequiredMembers(type) && !constructor.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == SetsRequiredMembersName))
        {
            // 'new T(…)' would not compile without setting them, and the factory cannot know their values.
            reason = "it has required members and its constructor is not marked [SetsRequiredMembers]";
            constructor = null;
        }

        var parameters = new List<ServiceSpec>();
        if (constructor is not null)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                ServiceSpec? service = ServiceParameters.ParseConstructorParameter(parameter, out reason);
                if (service is null)
                {
                    constructor = null;
                    break;
                }

                parameters.Add(service);
            }
        }

        if (constructor is null)
        {
            problems?.Add(new Problem(DiagnosticDescriptors.NoToolFactory, type.Locations.FirstOrDefault(), new object?[] { type.Name, reason }));
            return none;
        }

        return new ConstructionSpec(visible, HasFactory: true, EquatableArray.From(parameters));
    }

    private static bool HasRequiredMembers(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IMethodSymbol? Choose(INamedTypeSymbol type, out string? reason)
    {
        reason = null;
        var candidates = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (candidates.Count == 0)
        {
            reason = "it has no public constructor";
            return null;
        }

        var marked = candidates.Where(static c => c.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == ActivatorUtilitiesConstructorName)).ToList();
        if (marked.Count == 1)
        {
            return marked[0];
        }

        reason = marked.Count == 0
            ? "it has several public constructors and none is marked [ActivatorUtilitiesConstructor]"
            : "more than one public constructor is marked [ActivatorUtilitiesConstructor]";
        return null;
    }
}
