using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Live.Tools.Generator.Diagnostics;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// The single validator and model builder of a <c>[LiveTool]</c> method, shared by the generator (which skips a tool
/// with problems) and the analyzer (which reports them). Add new checks here so the two never disagree.
/// </summary>
internal static partial class ToolParser
{
    /// <summary>Parses one method; returns its spec (null when it has problems) and adds its problems.</summary>
    public static ToolSpec? ParseMethod(IMethodSymbol method, AttributeData attribute, KnownTypes known, List<Problem> problems, CancellationToken cancellationToken)
    {
        int before = problems.Count;
        Location? identifier = method.Locations.FirstOrDefault();

        if (method.MethodKind != MethodKind.Ordinary)
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnsupportedMethod, identifier, new object?[] { method.Name, "only ordinary methods can be tools, not " + Describe(method.MethodKind) }));
            return null;
        }

        if (method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface)
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnsupportedMethod, identifier, new object?[] { method.Name, "abstract and interface methods have no body to call; put [LiveTool] on the implementation" }));
            return null;
        }

        if (method.IsGenericMethod)
        {
            problems.Add(new Problem(DiagnosticDescriptors.GenericTool, identifier, new object?[] { method.Name, "it is generic, and the model cannot choose type arguments" }));
            return null;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                problems.Add(new Problem(DiagnosticDescriptors.GenericTool, identifier, new object?[] { method.Name, "its containing type '" + type.Name + "' is generic" }));
                return null;
            }
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Add(new Problem(DiagnosticDescriptors.AsyncVoid, identifier, new object?[] { method.Name }));
        }

        AttributeSettings(method, attribute, problems, identifier, cancellationToken);
        string name = ToolName(method, attribute, known, problems, identifier);
        var mapper = new TypeMapper(known, cancellationToken);
        var parameters = new List<ParameterSpec>();
        var properties = new List<SchemaPropertySpec>();
        var required = new List<string>();
        bool seenToken = false, seenContext = false;
        var jsonNames = new Dictionary<string, string>(System.StringComparer.Ordinal);

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Location? parameterLocation = parameter.Locations.FirstOrDefault();
            string? modifier = parameter.RefKind switch
            {
                RefKind.Ref => "ref",
                RefKind.Out => "out",
                RefKind.In => "in",
                RefKind.None => parameter.IsParams ? "params" : parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol ? "a pointer" : null,
                _ => "ref readonly",
            };
            if (modifier is not null)
            {
                problems.Add(new Problem(DiagnosticDescriptors.UnsupportedParameterModifier, parameterLocation, new object?[] { parameter.Name, method.Name, modifier }));
                continue;
            }

            ServiceSpec? service = ServiceParameters.Parse(parameter, method, known, problems, out bool isService);
            if (isService)
            {
                if (service is not null)
                {
                    parameters.Add(new ParameterSpec(parameter.Name, ParameterKind.Service, Value: null, IsRequired: false, DefaultValueSpec.None, ConstraintsSpec.None, service));
                }

                continue;
            }

            if (KnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                if (seenToken)
                {
                    problems.Add(new Problem(DiagnosticDescriptors.DuplicateBoundParameter, parameterLocation, new object?[] { method.Name, "CancellationToken", parameter.Name }));
                }

                seenToken = true;
                parameters.Add(new ParameterSpec(parameter.Name, ParameterKind.CancellationToken, Value: null, IsRequired: false, DefaultValueSpec.None, ConstraintsSpec.None));
                continue;
            }

            if (KnownTypes.Is(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), known.LiveToolContext))
            {
                if (seenContext)
                {
                    problems.Add(new Problem(DiagnosticDescriptors.DuplicateBoundParameter, parameterLocation, new object?[] { method.Name, "LiveToolContext", parameter.Name }));
                }

                seenContext = true;
                parameters.Add(new ParameterSpec(parameter.Name, ParameterKind.Context, Value: null, IsRequired: false, DefaultValueSpec.None, ConstraintsSpec.None));
                continue;
            }

            string jsonName = Naming.ToSnakeCase(parameter.Name);
            if (!Naming.IsValidParameterName(jsonName))
            {
                problems.Add(new Problem(DiagnosticDescriptors.InvalidParameterName, parameterLocation, new object?[] { jsonName, method.Name }));
            }

            if (jsonNames.TryGetValue(jsonName, out string? owner))
            {
                problems.Add(new Problem(DiagnosticDescriptors.DuplicateParameterName, parameterLocation, new object?[] { parameter.Name, method.Name, jsonName, owner }));
                continue;
            }

            jsonNames.Add(jsonName, parameter.Name);

            mapper.Reset(); // each parameter's failure names its own path, not an earlier parameter's
            ValueSpec? value = mapper.Map(parameter.Type, input: true, parameter.Name);
            if (value is null)
            {
                problems.Add(new Problem(DiagnosticDescriptors.UnmappableParameter, TypeLocation(parameter, cancellationToken), new object?[] { parameter.Name, method.Name, mapper.Failure }));
                continue;
            }

            if (mapper.InvalidName is { } invalid)
            {
                problems.Add(new Problem(DiagnosticDescriptors.InvalidParameterName, TypeLocation(parameter, cancellationToken), new object?[] { invalid, method.Name }));
                continue;
            }

            if (mapper.IgnoredFields.Count > 0 || mapper.UnenforcedAnnotations.Count > 0)
            {
                ReportMappingNotes(mapper, method, TypeLocation(parameter, cancellationToken), problems);
            }

            var unenforced = new List<Unenforced>();
            ConstraintsSpec constraints = ParameterAttributes.Constraints(known, value, new ISymbol[] { parameter }, out bool requiredAttribute, unenforced);
            ReportUnenforced(unenforced, parameter.Name, method, parameterLocation, problems);
            bool isRequired = requiredAttribute || (!value.IsNullable && !parameter.IsOptional);
            DefaultValueSpec defaultValue = isRequired ? DefaultValueSpec.None : parameter.IsOptional ? ParameterAttributes.Default(parameter, value) : DefaultValueSpec.TypeDefault;
            string? description = ParameterAttributes.Description(known, parameter, cancellationToken);
            description = ParameterAttributes.WithDefault(description, parameter, value);

            parameters.Add(new ParameterSpec(jsonName, ParameterKind.Json, value, isRequired, defaultValue, constraints));
            properties.Add(new SchemaPropertySpec(jsonName, SchemaBuilder.Build(value, description, constraints)));
            if (isRequired)
            {
                required.Add(jsonName);
            }
        }

        ReturnSpec? result = Return(method, known, mapper, problems, cancellationToken);

        // Warnings (an ignored attribute setting) do not keep a tool from being generated; errors do.
        if (HasErrors(problems, before) || result is null)
        {
            return null;
        }

        string? methodDescription = ParameterAttributes.Description(known, method, cancellationToken);
        Behavior? behavior = null;
        FunctionResponseScheduling? scheduling = null;
        int timeout = 0;
        bool requiresApproval = false;
        bool shareInFlight = false;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "RequiresApproval" when argument.Value.Value is bool approval:
                    requiresApproval = approval;
                    break;
                case "DuplicateCalls" when argument.Value.Value is int duplicates:
                    shareInFlight = duplicates == 1;
                    break;
                case "Behavior" when argument.Value.Value is int b && (Behavior)b != Behavior.Unspecified:
                    behavior = (Behavior)b;
                    break;
                case "Scheduling" when argument.Value.Value is int s && (FunctionResponseScheduling)s != FunctionResponseScheduling.Unspecified:
                    scheduling = (FunctionResponseScheduling)s;
                    break;
                case "TimeoutMilliseconds" when argument.Value.Value is int t && t > 0:
                    timeout = t;
                    break;
            }
        }

        return new ToolSpec(
            name,
            SyntaxFacts.GetKeywordKind(method.Name) != SyntaxKind.None ? "@" + method.Name : method.Name,
            method.IsStatic,
            methodDescription,

            // The method's intent, stated: an unannotated tool is one the model waits for. Gemini 3.8 Live would run a
            // declaration without behavior as NON_BLOCKING; the connect step leaves the field out where it is redundant.
            behavior ?? Behavior.Blocking,
            scheduling,
            timeout,
            EquatableArray.From(parameters),
            properties.Count == 0 ? null : SchemaBuilder.Parameters(properties, required),
            result,
            requiresApproval,
            shareInFlight);
    }

    /// <summary>
    /// Adds a warning for the tool and for each parameter the model fills in when it has no description
    /// (<c>[Description]</c> or XML docs, read exactly as <see cref="ParseMethod"/> reads them). Only the analyzer asks:
    /// a missing description never keeps a tool from being generated.
    /// </summary>
    public static void Descriptions(IMethodSymbol method, AttributeData attribute, KnownTypes known, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return;
        }

        if (ParameterAttributes.Description(known, method, cancellationToken) is null)
        {
            string name = ToolName(method, attribute, known, problems: null, identifier: null);
            problems.Add(new Problem(DiagnosticDescriptors.MissingToolDescription, method.Locations.FirstOrDefault(), new object?[] { name, method.Name }));
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (KnownTypes.Is(parameter.Type, known.CancellationToken)
                || KnownTypes.Is(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), known.LiveToolContext)
                || ServiceParameters.IsService(parameter))
            {
                continue;
            }

            if (ParameterAttributes.Description(known, parameter, cancellationToken) is null)
            {
                problems.Add(new Problem(DiagnosticDescriptors.MissingParameterDescription, parameter.Locations.FirstOrDefault(), new object?[] { parameter.Name, method.Name }));
            }
        }
    }

    /// <summary>Warns about <c>[LiveTool]</c> settings that are ignored: Scheduling on a blocking tool, a negative timeout.</summary>
    private static void AttributeSettings(IMethodSymbol method, AttributeData attribute, List<Problem> problems, Location? identifier, CancellationToken cancellationToken)
    {
        bool nonBlocking = false, scheduling = false;
        int timeout = 0;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Behavior":
                    nonBlocking = argument.Value.Value is int b && (Behavior)b == Behavior.NonBlocking;
                    break;
                case "Scheduling":
                    scheduling = argument.Value.Value is int s && (FunctionResponseScheduling)s != FunctionResponseScheduling.Unspecified;
                    break;
                case "TimeoutMilliseconds" when argument.Value.Value is int t:
                    timeout = t;
                    break;
            }
        }

        if (scheduling && !nonBlocking)
        {
            problems.Add(new Problem(DiagnosticDescriptors.SchedulingWithoutNonBlocking, NamedArgumentLocation(attribute, "Scheduling", cancellationToken) ?? identifier, new object?[] { method.Name }));
        }

        if (timeout < 0)
        {
            problems.Add(new Problem(DiagnosticDescriptors.NegativeTimeout, NamedArgumentLocation(attribute, "TimeoutMilliseconds", cancellationToken) ?? identifier, new object?[] { method.Name, timeout.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }
    }

    private static Location? NamedArgumentLocation(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return null;
    }

    private static bool HasErrors(List<Problem> problems, int start)
    {
        for (int i = start; i < problems.Count; i++)
        {
            if (problems[i].Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the type holding the tools; returns null (and adds problems) when code cannot be added to it.</summary>
    public static TypeSpec? ParseType(INamedTypeSymbol type, List<Problem>? problems, string toolMethodName, CancellationToken cancellationToken)
    {
        var containers = new List<ContainingTypeSpec>();
        bool ok = true;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            foreach (SyntaxReference reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    ok = false;
                    problems?.Add(new Problem(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), new object?[] { current.Name, toolMethodName }));
                    break;
                }
            }

            if (current.IsFileLocal)
            {
                ok = false;
                if (current.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is TypeDeclarationSyntax fileLocal)
                {
                    problems?.Add(new Problem(DiagnosticDescriptors.FileLocalType, fileLocal.Identifier.GetLocation(), new object?[] { current.Name, toolMethodName }));
                }
            }

            if (current.IsGenericType)
            {
                ok = false;
            }

            string keyword = current.TypeKind switch
            {
                TypeKind.Struct => current.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => current.IsRecord ? "record" : "class",
            };
            containers.Insert(0, new ContainingTypeSpec(keyword, current.Name, current.IsStatic));
        }

        if (!ok)
        {
            return null;
        }

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;
        string metadataName = MetadataName(type);
        return new TypeSpec(
            metadataName + ".LiveTools.g.cs",
            ns,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            EquatableArray.From(containers),
            type.IsStatic);
    }

    /// <summary>The tool name: the attribute's, else the method name in snake_case without <c>Async</c>.</summary>
    public static string ToolName(IMethodSymbol method, AttributeData attribute, KnownTypes known, List<Problem>? problems, Location? identifier)
    {
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName)
        {
            if (!Naming.IsValidToolName(explicitName))
            {
                Location? location = identifier;
                if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax)
                {
                    location = syntax.ArgumentList.Arguments[0].Expression.GetLocation();
                }

                problems?.Add(new Problem(DiagnosticDescriptors.InvalidToolName, location, new object?[] { explicitName, method.Name }));
            }

            return explicitName;
        }

        string derived = Naming.ToolName(method.Name);
        if (!Naming.IsValidToolName(derived))
        {
            problems?.Add(new Problem(DiagnosticDescriptors.InvalidToolName, identifier, new object?[] { derived, method.Name }));
        }

        return derived;
    }

    private static ReturnSpec? Return(IMethodSymbol method, KnownTypes known, TypeMapper mapper, List<Problem> problems, CancellationToken cancellationToken)
    {
        ITypeSymbol returnType = method.ReturnType;
        AwaitableKind awaitable = AwaitableKind.None;
        ITypeSymbol? resultType = returnType;
        if (method.ReturnsVoid)
        {
            resultType = null;
        }
        else if (KnownTypes.Is(returnType, known.Task))
        {
            awaitable = AwaitableKind.Task;
            resultType = null;
        }
        else if (KnownTypes.Is(returnType, known.ValueTask))
        {
            awaitable = AwaitableKind.ValueTask;
            resultType = null;
        }
        else if (KnownTypes.IsGeneric(returnType, known.TaskOfT))
        {
            awaitable = AwaitableKind.Task;
            resultType = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }
        else if (KnownTypes.IsGeneric(returnType, known.ValueTaskOfT))
        {
            awaitable = AwaitableKind.ValueTask;
            resultType = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }
        else if (KnownTypes.IsGeneric(returnType, known.IAsyncEnumerableOfT))
        {
            awaitable = AwaitableKind.AsyncEnumerable;
            resultType = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }

        if (resultType is null)
        {
            return new ReturnSpec(awaitable, null, null, null);
        }

        string typeName = known.DisplayName(resultType);
        if (JsonContextFor(method.ContainingType, resultType, known) is { } context)
        {
            return new ReturnSpec(awaitable, typeName, null, context);
        }

        mapper.Reset();
        ValueSpec? value = mapper.Map(resultType, input: false, "result");
        Location? location = null;
        if (value is null || mapper.IgnoredFields.Count > 0 || mapper.UnenforcedAnnotations.Count > 0)
        {
            location = method.Locations.FirstOrDefault();
            if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                location = declaration.ReturnType.GetLocation();
            }
        }

        if (value is not null)
        {
            ReportMappingNotes(mapper, method, location, problems);
        }
        else
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnwritableReturnType, location, new object?[] { method.Name, mapper.Failure + "; " + ResultAdvice(resultType) }));
            return null;
        }

        return new ReturnSpec(awaitable, typeName, value, null);
    }

    /// <summary>What to do about a result the generator cannot write: only advice that works for that type.</summary>
    private static string ResultAdvice(ITypeSymbol resultType)
    {
        if (resultType is INamedTypeSymbol { IsTupleType: true })
        {
            return "a tuple's element names do not reach its JSON; return a record with named properties";
        }

        return "list the type in a JsonSerializerContext named by [LiveToolJsonContext] on the tool type (its names are then that context's, e.g. set PropertyNamingPolicy = SnakeCaseLower to match the other tools)";
    }

    private static string? JsonContextFor(INamedTypeSymbol toolType, ITypeSymbol resultType, KnownTypes known)
    {
        if (known.Find(toolType, known.LiveToolJsonContextAttribute) is not { } attribute
            || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol context)
        {
            return null;
        }

        foreach (AttributeData serializable in context.GetAttributes())
        {
            if (KnownTypes.Is(serializable.AttributeClass, known.JsonSerializableAttribute)
                && serializable.ConstructorArguments.Length >= 1
                && serializable.ConstructorArguments[0].Value is ITypeSymbol declared
                && SymbolEqualityComparer.Default.Equals(declared.WithNullableAnnotation(NullableAnnotation.NotAnnotated), resultType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)))
            {
                return context.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            }
        }

        return null;
    }

    private static Location? TypeLocation(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type })
        {
            return type.GetLocation();
        }

        return parameter.Locations.FirstOrDefault();
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private static string Describe(MethodKind kind) => kind switch
    {
        MethodKind.LocalFunction => "local functions",
        MethodKind.UserDefinedOperator or MethodKind.Conversion => "operators",
        MethodKind.PropertyGet or MethodKind.PropertySet => "property accessors",
        MethodKind.ExplicitInterfaceImplementation => "explicit interface implementations",
        _ => "this kind of method",
    };
}
