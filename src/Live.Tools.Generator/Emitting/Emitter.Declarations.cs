using System.Collections.Generic;
using System.Globalization;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Emitting;

/// <content>The declarations: <c>FunctionDeclaration</c>s with their schemas, <c>LiveToolInfo</c>s and the public static members.</content>
internal sealed partial class Emitter
{
    private void EmitStatics(SourceWriter w)
    {
        EquatableArray<ToolSpec> tools = _set.Tools;
        w.Line(_generatedCode);
        w.Open("private static readonly global::Live.FunctionDeclaration[] __LiveDeclarations = new global::Live.FunctionDeclaration[]");
        foreach (ToolSpec tool in tools)
        {
            w.Open("new global::Live.FunctionDeclaration");
            w.Line("Name = " + Literal(tool.Name) + ",");
            if (tool.Description is not null)
            {
                w.Line("Description = " + Literal(tool.Description) + ",");
            }

            if (tool.ParametersSchema is not null)
            {
                EmitSchema(w, "Parameters = ", tool.ParametersSchema, ",");
            }

            if (tool.Behavior is { } behavior)
            {
                w.Line("Behavior = global::Live." + nameof(Behavior) + "." + behavior.ToString() + ",");
            }

            w.Close(",");
        }

        w.Close(";");
        w.Line();

        w.Line(_generatedCode);
        w.Open("private static readonly global::Live.Tools.LiveToolInfo[] __LiveInfos = new global::Live.Tools.LiveToolInfo[]");
        for (int i = 0; i < tools.Count; i++)
        {
            ToolSpec tool = tools[i];
            string timeout = tool.TimeoutMilliseconds > 0
                ? "global::System.TimeSpan.FromMilliseconds(" + tool.TimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) + ")"
                : "null";
            string scheduling = tool.Scheduling is null ? "null" : "global::Live." + nameof(FunctionResponseScheduling) + "." + tool.Scheduling.Value.ToString();
            string info = "new global::Live.Tools.LiveToolInfo(__LiveDeclarations[" + i.ToString(CultureInfo.InvariantCulture) + "], " + timeout + ", " + scheduling + ")";
            var initializers = new List<string>();
            if (tool.RequiresApproval)
            {
                initializers.Add("RequiresApproval = true");
            }

            if (tool.ShareInFlight)
            {
                initializers.Add("DuplicateCalls = global::Live.Tools.LiveToolDuplicateCalls.ShareInFlight");
            }

            w.Line(info + (initializers.Count == 0 ? string.Empty : " { " + string.Join(", ", initializers) + " }") + ",");
        }

        w.Close(";");
        w.Line();

        var names = new List<string>();
        foreach (ToolSpec tool in tools)
        {
            names.Add(Literal(tool.Name));
        }

        w.Line(_generatedCode);
        w.Line("private static readonly string[] __LiveNames = new string[] { " + string.Join(", ", names) + " };");
        w.Line();
        w.Line("/// <summary>The function declarations of this type's [LiveTool] methods, built once.</summary>");
        w.Line(_generatedCode);
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::Live.FunctionDeclaration> LiveFunctionDeclarations { get; } = global::System.Array.AsReadOnly(__LiveDeclarations);");
        w.Line();
        w.Lines($$"""
            /// <summary>
            /// A <see cref="global::Live.Tool"/> holding every function declaration of this type, built once, for
            /// <c>LiveConnectConfig.Tools</c>. <c>ToTool()</c> of any <see cref="global::Live.Tools.ILiveToolSet"/> builds a new one from that set.
            /// </summary>
            {{_generatedCode}}
            public static global::Live.Tool LiveTools { get; } = global::Live.Tool.FromFunctions(__LiveDeclarations);

            /// <summary>The former name of <see cref="LiveTools"/>.</summary>
            [global::System.Obsolete("Use LiveTools.")]
            [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
            {{_generatedCode}}
            public static global::Live.Tool LiveTool => LiveTools;
            """);
        if (_set.Type.IsStatic)
        {
            w.Lines($$"""

                /// <summary>The tool set that declares and dispatches this type's static [LiveTool] methods.</summary>
                {{_generatedCode}}
                public static global::Live.Tools.ILiveToolSet ToolSet { get; } = new __LiveToolSetImpl();
                """);
        }
    }

    private void EmitSchema(SourceWriter w, string prefix, SchemaSpec schema, string suffix)
    {
        w.Open(prefix + "new global::Live.Schema");
        if (schema.Type is not null)
        {
            w.Line("Type = global::Live." + nameof(SchemaType) + "." + schema.Type.Value.ToString() + ",");
        }

        if (schema.Format is not null)
        {
            w.Line("Format = " + Literal(schema.Format) + ",");
        }

        if (schema.Description is not null)
        {
            w.Line("Description = " + Literal(schema.Description) + ",");
        }

        if (schema.Nullable)
        {
            w.Line("Nullable = true,");
        }

        if (!schema.Enum.IsEmpty)
        {
            w.Line("Enum = " + StringList(schema.Enum) + ",");
        }

        if (schema.Items is not null)
        {
            EmitSchema(w, "Items = ", schema.Items, ",");
        }

        if (!schema.Properties.IsEmpty)
        {
            w.Open("Properties = new global::System.Collections.Generic.Dictionary<string, global::Live.Schema>");
            foreach (SchemaPropertySpec property in schema.Properties)
            {
                EmitSchema(w, "[" + Literal(property.Name) + "] = ", property.Schema, ",");
            }

            w.Close(",");
        }

        if (!schema.Required.IsEmpty)
        {
            w.Line("Required = " + StringList(schema.Required) + ",");
        }

        if (!schema.PropertyOrdering.IsEmpty)
        {
            w.Line("PropertyOrdering = " + StringList(schema.PropertyOrdering) + ",");
        }

        if (schema.Minimum is { } minimum)
        {
            w.Line("Minimum = " + Literals.Double(minimum) + ",");
        }

        if (schema.Maximum is { } maximum)
        {
            w.Line("Maximum = " + Literals.Double(maximum) + ",");
        }

        LongLine(w, "MinItems", schema.MinItems);
        LongLine(w, "MaxItems", schema.MaxItems);
        LongLine(w, "MinLength", schema.MinLength);
        LongLine(w, "MaxLength", schema.MaxLength);
        if (schema.Pattern is not null)
        {
            w.Line("Pattern = " + Literal(schema.Pattern) + ",");
        }

        w.Close(suffix);
    }

    private static void LongLine(SourceWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.Line(name + " = " + Literals.Int64(v) + ",");
        }
    }
}
