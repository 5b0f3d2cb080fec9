using System.Collections.Generic;
using System.Threading;
using Live.Tools.Generator.Caching;
using Live.Tools.Generator.Model;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator;

/// <content>The first pipeline step: a <c>[LiveTool]</c> method to an equatable model, through the shared <see cref="ToolParser"/>.</content>
public sealed partial class LiveToolGenerator
{
    /// <summary>The cache of this generator instance's models (for tests).</summary>
    internal ModelCache Cache => _cache;

    private static ToolMethodSpec? Parse(GeneratorAttributeSyntaxContext context, CompilationInputs inputs, CancellationToken cancellationToken)
    {
        CompilationSnapshot snapshot = inputs.Snapshot(cancellationToken);
        if (inputs.Cache.TryGet(context.TargetNode, snapshot, out ToolMethodSpec? cached))
        {
            return cached;
        }

        ToolMethodSpec? model = Parse(context, inputs.Known, cancellationToken);
        inputs.Cache.Add(context.TargetNode, snapshot, model, cancellationToken);
        return model;
    }

    private static ToolMethodSpec? Parse(GeneratorAttributeSyntaxContext context, KnownTypes known, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        var problems = new List<Problem>();
        // The same for every tool of the type: parsed once per compilation (problems go to the analyzer, not here).
        TypeSpec? type = known.ToolType(method.ContainingType, containing => ToolParser.ParseType(containing, problems: null, method.Name, cancellationToken));
        if (type is null)
        {
            return null;
        }

        ToolSpec? tool = ToolParser.ParseMethod(method, context.Attributes[0], known, problems, cancellationToken);
        return tool is null ? null : new ToolMethodSpec(type with { Construction = ConstructionParser.Parse(method.ContainingType, problems: null) }, tool);
    }
}
