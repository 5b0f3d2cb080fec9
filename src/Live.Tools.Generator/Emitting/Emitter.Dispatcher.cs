using System;
using System.Collections.Generic;
using System.Globalization;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Emitting;

/// <content>The dispatcher: <c>ILiveToolSet</c>'s members and one invoker per tool (argument binding, the call, its result).</content>
internal sealed partial class Emitter
{
    private void EmitInterface(SourceWriter w)
    {
        w.Lines($$"""
            /// <inheritdoc />
            {{_generatedCode}}
            global::System.Collections.Generic.IReadOnlyList<global::Live.FunctionDeclaration> global::Live.Tools.ILiveToolSet.FunctionDeclarations => LiveFunctionDeclarations;

            /// <inheritdoc />
            {{_generatedCode}}
            bool global::Live.Tools.ILiveToolSet.TryGetTool(string name, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out global::Live.Tools.LiveToolInfo? tool)
            {
                switch (name)
                {
            """);
        w.Indentation += 2;
        for (int i = 0; i < _set.Tools.Count; i++)
        {
            w.Lines($$"""
                case {{Literal(_set.Tools[i].Name)}}:
                    tool = __LiveInfos[{{Literals.Int32(i)}}];
                    return true;
                """);
        }

        w.Indentation -= 2;
        w.Lines($$"""
                    default:
                        tool = null;
                        return false;
                }
            }

            /// <inheritdoc />
            {{_generatedCode}}
            {{ValueTaskType}} global::Live.Tools.ILiveToolSet.InvokeAsync({{CallType}} call, global::System.Threading.CancellationToken cancellationToken)
            {
                if (call is null)
                {
                    throw new global::System.ArgumentNullException(nameof(call));
                }

                switch (call.Name)
                {
            """);
        w.Indentation += 2;
        for (int i = 0; i < _set.Tools.Count; i++)
        {
            w.Lines($$"""
                case {{Literal(_set.Tools[i].Name)}}:
                    return __LiveInvoke{{Literals.Int32(i)}}(call, cancellationToken);
                """);
        }

        w.Indentation -= 2;
        w.Lines($$"""
                    default:
                        return new {{ValueTaskType}}({{ResponsesType}}.UnknownFunction(call, __LiveNames));
                }
            }
            """);
    }

    private void EmitInvokers(SourceWriter w)
    {
        for (int i = 0; i < _set.Tools.Count; i++)
        {
            w.Line();
            EmitInvoker(w, _set.Tools[i], i);
        }
    }

    private void EmitInvoker(SourceWriter w, ToolSpec tool, int index)
    {
        bool isAsync = tool.Return.Awaitable != AwaitableKind.None;
        Func<string, string> ret = isAsync ? static e => "return " + e + ";" : static e => "return new " + ValueTaskType + "(" + e + ");";
        w.Line(_generatedCode);
        w.Open("private " + (isAsync ? "async " : string.Empty) + ValueTaskType + " __LiveInvoke" + index.ToString(CultureInfo.InvariantCulture)
            + "(" + CallType + " __call, global::System.Threading.CancellationToken __cancellationToken)");

        bool hasJson = false;
        foreach (ParameterSpec parameter in tool.Parameters)
        {
            hasJson |= parameter.Kind == ParameterKind.Json;
        }

        if (hasJson)
        {
            w.Open("if (!" + ArgsType + ".TryGetArgs(__call, out " + JsonElementType + " __args, out " + ResponseType + "? __invalid))");
            w.Line(ret("__invalid"));
            w.Close();
            w.Line();
            w.Line(JsonElementType + " __value;");
            w.Line(ErrorType + "? __error;");
        }

        var arguments = new List<string>();
        for (int p = 0; p < tool.Parameters.Count; p++)
        {
            ParameterSpec parameter = tool.Parameters[p];
            switch (parameter.Kind)
            {
                case ParameterKind.CancellationToken:
                    arguments.Add("__cancellationToken");
                    continue;
                case ParameterKind.Context:
                    arguments.Add("new global::Live.Tools.LiveToolContext(__call)");
                    continue;
                case ParameterKind.Service:
                    arguments.Add(EmitService(w, parameter.Service!, p, ret));
                    continue;
            }

            string local = "__p" + p.ToString(CultureInfo.InvariantCulture);
            arguments.Add(local);
            ValueSpec value = parameter.Value!;
            string name = Literal(parameter.JsonName);
            w.Line();
            w.Line(value.NullableTypeName + " " + local + ";");
            string condition = "__args.TryGetProperty(" + name + "u8, out __value)";
            if (!parameter.IsRequired)
            {
                condition += " && __value.ValueKind != " + JsonValueKindType + ".Null";
            }

            w.Open("if (" + condition + ")");
            string onError = ret(ResponsesType + ".ArgumentError(__call, __error.InProperty(" + name + "))");
            EmitRead(w, value, "__value", local, handleNull: false, () => w.Line(onError));
            EmitChecks(w, value, parameter.Constraints, local, "__value", error => w.Line(ret(ResponsesType + ".ArgumentError(__call, " + error + ".InProperty(" + name + "))")));
            w.Close();
            w.Open("else");
            if (parameter.IsRequired)
            {
                w.Line(ret(ResponsesType + ".ArgumentError(__call, " + ErrorType + ".MissingParameter(" + name + "))"));
            }
            else
            {
                w.Line(local + " = " + (parameter.Default.Kind == DefaultValueKind.Constant ? parameter.Default.Expression : "default!") + ";");
            }

            w.Close();
        }

        if (hasJson)
        {
            w.Line();
        }

        string target = tool.IsStatic || _set.Type.IsStatic ? _set.Type.FullTypeName : "this";
        string invocation = target + "." + tool.MethodName + "(" + string.Join(", ", arguments) + ")";
        bool streaming = tool.Return.Awaitable == AwaitableKind.AsyncEnumerable;
        if (isAsync && !streaming)
        {
            invocation = "await " + invocation + ".ConfigureAwait(false)";
        }

        w.Open("try");
        ReturnSpec result = tool.Return;
        if (result.TypeName is null)
        {
            w.Line(invocation + ";");
            w.Line(ret(ResponsesType + ".Empty(__call)"));
        }
        else
        {
            w.Line("var __result = " + invocation + ";");

            // A streaming tool: every item but the last is an interim response (willContinue) where the loop can send one.
            string output = streaming ? "await " + ResponsesType + ".StreamAsync(__call, __result, " : ResponsesType + ".Output(__call, __result, ";
            string end = streaming ? ", __cancellationToken).ConfigureAwait(false)" : ")";
            if (result.JsonContextTypeName is not null)
            {
                string typeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<" + result.TypeName + ">";
                w.Line(ret(output + "(" + typeInfo + "?)" + result.JsonContextTypeName + ".Default.GetTypeInfo(typeof(" + result.TypeName + "))" + end));
            }
            else
            {
                ValueSpec value = result.Value!;
                w.Line(ret(output + "__LiveWriteResult" + index.ToString(CultureInfo.InvariantCulture) + end));
                _pending.Enqueue(new HelperRequest(HelperKind.ResultWriter, value, "__LiveWriteResult" + index.ToString(CultureInfo.InvariantCulture)));
            }
        }

        w.Close();
        w.Open("catch (global::System.OperationCanceledException) when (__cancellationToken.IsCancellationRequested)");
        w.Line("throw;");
        w.Close();
        w.Open("catch (global::System.Exception __exception)");
        w.Line(ret(ResponsesType + ".FromException(__call, __exception)"));
        w.Close();
        w.Close();
    }
}
