using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Live.Tools.Generator.Diagnostics;
using Live.Tools.Generator.Emitting;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// Parameters bound from services rather than from the model's arguments: <c>[FromServices]</c> (Live.Tools' own or
/// ASP.NET Core's), <c>[FromKeyedServices(key)]</c> and <c>IServiceProvider</c>. The attributes are matched by name, so
/// the generator references no dependency-injection package.
/// </summary>
internal static class ServiceParameters
{
    public const string FromKeyedServicesAttributeName = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";
    public const string KeyedServiceProviderName = "global::Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider";
    private const string KeyedServiceProviderMetadataName = "Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider";
    private const string FromServiceMetadataName = "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata";

    /// <summary>Whether the parameter is bound from services (without checking that it can be).</summary>
    public static bool IsService(IParameterSymbol parameter) =>
        IsServiceProvider(parameter.Type) || FromServices(parameter) is not null || FromKeyedServices(parameter) is not null;

    /// <summary>
    /// The binding of a service parameter of tool method <paramref name="method"/>; null when the parameter is not a
    /// service, or when it is one that cannot be bound (then <paramref name="isService"/> is true and a LIVE021 problem is added).
    /// </summary>
    public static ServiceSpec? Parse(IParameterSymbol parameter, IMethodSymbol method, KnownTypes known, List<Problem> problems, out bool isService)
    {
        AttributeData? fromServices = FromServices(parameter);
        AttributeData? keyed = FromKeyedServices(parameter);
        bool provider = IsServiceProvider(parameter.Type);
        isService = provider || fromServices is not null || keyed is not null;
        if (!isService)
        {
            return null;
        }

        Location? location = parameter.Locations.FirstOrDefault();
        int before = problems.Count;
        void Problem(string reason) =>
            problems.Add(new Problem(DiagnosticDescriptors.UnbindableServiceParameter, location, new object?[] { parameter.Name, method.Name, reason }));

        if (fromServices is not null && keyed is not null)
        {
            Problem("it has both [FromServices] and [FromKeyedServices]; keep one");
        }

        if (SchemaAttribute(parameter, known) is { } schema)
        {
            Problem("it also has [" + Shorten(schema) + "], which only describes an argument the model sends; a service is not in the schema, so remove it");
        }

        if (!parameter.Type.IsReferenceType)
        {
            Problem("a service must be a class, interface or delegate type, and '" + parameter.Type.ToDisplayString() + "' is not");
        }

        string? key = null;
        if (keyed is not null)
        {
            if (known.Compilation.GetTypeByMetadataName(KeyedServiceProviderMetadataName) is null)
            {
                Problem("[FromKeyedServices] needs Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider (Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later), which the project does not reference");
            }

            key = KeyLiteral(keyed);
            if (key is null)
            {
                Problem("its [FromKeyedServices] key must be a string or int constant");
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        return Create(parameter, key, provider);
    }

    /// <summary>The binding of a tool type's constructor parameter; null with a reason when it cannot be bound.</summary>
    public static ServiceSpec? ParseConstructorParameter(IParameterSymbol parameter, out string? reason)
    {
        reason = null;
        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            reason = "its parameter '" + parameter.Name + "' is ref, out, in or params";
            return null;
        }

        if (!parameter.Type.IsReferenceType)
        {
            reason = "its parameter '" + parameter.Name + "' is of the value type '" + parameter.Type.ToDisplayString() + "', and only services can be resolved";
            return null;
        }

        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is not null)
        {
            reason = "its parameter '" + parameter.Name + "' has a default value other than null";
            return null;
        }

        string? key = null;
        if (FromKeyedServices(parameter) is { } keyed)
        {
            key = KeyLiteral(keyed);
            if (key is null)
            {
                reason = "the [FromKeyedServices] key of its parameter '" + parameter.Name + "' is not a string or int constant";
                return null;
            }
        }

        return Create(parameter, key, IsServiceProvider(parameter.Type));
    }

    private static ServiceSpec Create(IParameterSymbol parameter, string? key, bool provider)
    {
        ITypeSymbol type = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        bool optional = parameter.NullableAnnotation == NullableAnnotation.Annotated || parameter.HasExplicitDefaultValue;
        return new ServiceSpec(
            parameter.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            key,
            optional,
            provider && key is null);
    }

    private static bool IsServiceProvider(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "IServiceProvider", Arity: 0, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary><c>Live.Tools.FromServicesAttribute</c>, ASP.NET Core's <c>FromServicesAttribute</c>, or any attribute implementing <c>IFromServiceMetadata</c>.</summary>
    private static AttributeData? FromServices(IParameterSymbol parameter)
    {
        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            string name = type.ToDisplayString();
            if (name is "Live.Tools.FromServicesAttribute" or "Microsoft.AspNetCore.Mvc.FromServicesAttribute"
                || type.AllInterfaces.Any(static i => i.ToDisplayString() == FromServiceMetadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    private static AttributeData? FromKeyedServices(IParameterSymbol parameter)
    {
        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == FromKeyedServicesAttributeName)
            {
                return attribute;
            }
        }

        return null;
    }

    private static string? KeyLiteral(AttributeData keyed)
    {
        if (keyed.ConstructorArguments.Length != 1)
        {
            return null;
        }

        return keyed.ConstructorArguments[0].Value switch
        {
            string text => Literals.String(text),
            int number => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static INamedTypeSymbol? SchemaAttribute(IParameterSymbol parameter, KnownTypes known)
    {
        INamedTypeSymbol?[] schema =
        {
            known.DescriptionAttribute, known.RangeAttribute, known.MinLengthAttribute, known.MaxLengthAttribute,
            known.LengthAttribute, known.StringLengthAttribute, known.RegularExpressionAttribute, known.RequiredAttribute,
            known.JsonPropertyNameAttribute,
        };
        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            foreach (INamedTypeSymbol? candidate in schema)
            {
                if (candidate is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string Shorten(INamedTypeSymbol attribute) =>
        attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;
}
