using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Live.Tools;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>
/// Any set of <see cref="AIFunction"/>s (made by <c>AIFunctionFactory</c>, an MCP client's tools, or your own) as an
/// <see cref="ILiveToolSet"/>, for <c>RunWithToolsAsync</c> and <c>LiveConnectConfig.Tools</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each function's JSON Schema is converted to Gemini's <see cref="Schema"/> when the set is made: keywords Gemini has
/// are kept; keywords that only narrow what is valid (<c>additionalProperties</c>, <c>not</c>, <c>multipleOf</c>, …) are
/// dropped and listed in <see cref="ConversionNotes"/>; schemas Gemini cannot express (recursive <c>$ref</c>, external
/// references, tuple <c>items</c>, <c>allOf</c> of several, a non-string <c>const</c>) are refused with a
/// <see cref="NotSupportedException"/> naming the function and the place. The table is in <c>docs/ecosystem.md</c>.
/// </para>
/// <para>
/// A call's arguments reach the function as one <see cref="JsonElement"/> per property, as M.E.AI's chat clients pass
/// them. The result is sent as <c>{"output": result}</c>; an exception becomes <c>{"error": "…"}</c> with the message
/// masked unless it is a <see cref="LiveToolException"/> (the tool loop's <c>IncludeExceptionDetails</c> shows it).
/// A function that came from <see cref="LiveAIFunctions.AsAIFunctions"/> is called straight through its generated
/// dispatcher.
/// </para>
/// </remarks>
public sealed class AIFunctionToolSet : ILiveToolSet
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<FunctionDeclaration> _declarations = new();
    private readonly IServiceProvider? _services;

    /// <summary>Creates the set.</summary>
    /// <param name="functions">The functions; names must be unique.</param>
    /// <param name="options">Services, timeout and behavior; null for the defaults.</param>
    /// <exception cref="ArgumentException">Two functions share a name, or a name is empty.</exception>
    /// <exception cref="NotSupportedException">A function's schema cannot be expressed in Gemini's schema.</exception>
    public AIFunctionToolSet(IEnumerable<AIFunction> functions, AIFunctionToolSetOptions? options = null)
    {
        if (functions is null)
        {
            throw new ArgumentNullException(nameof(functions));
        }

        _services = options?.Services;
        var notes = new List<string>();
        foreach (AIFunction function in functions)
        {
            if (function is null)
            {
                throw new ArgumentException("A function is null.", nameof(functions));
            }

            if (string.IsNullOrEmpty(function.Name))
            {
                throw new ArgumentException("A function has no name.", nameof(functions));
            }

            if (_entries.ContainsKey(function.Name))
            {
                throw new ArgumentException($"The function name \"{function.Name}\" appears twice; tool names must be unique in a session.", nameof(functions));
            }

            FunctionDeclaration declaration;
            if (function is LiveToolAIFunction generated)
            {
                declaration = generated.Declaration;
            }
            else
            {
                declaration = new FunctionDeclaration
                {
                    Name = function.Name,
                    Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
                    Parameters = JsonSchemaConverter.ConvertParameters(function.Name, function.JsonSchema, notes),
                    Behavior = options?.Behavior,
                };
            }

            var info = new LiveToolInfo(declaration, options?.Timeout);
            _entries.Add(function.Name, new Entry(function, info));
            _declarations.Add(declaration);
        }

        ConversionNotes = notes.AsReadOnly();
        Functions = _entries.Values.Select(e => e.Function).ToArray();
    }

    /// <summary>The functions, in the order given.</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>What the schema conversion dropped or weakened, one line per keyword (empty when nothing was lost).</summary>
    public IReadOnlyList<string> ConversionNotes { get; }

    /// <inheritdoc />
    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => _declarations;

    /// <inheritdoc />
    public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool)
    {
        if (name is not null && _entries.TryGetValue(name, out Entry? entry))
        {
            tool = entry.Info;
            return true;
        }

        tool = null;
        return false;
    }

    /// <inheritdoc />
    public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        if (call is null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        if (call.Name is null || !_entries.TryGetValue(call.Name, out Entry? entry))
        {
            return LiveToolResponses.UnknownFunction(call, _entries.Keys);
        }

        if (entry.Function is LiveToolAIFunction generated)
        {
            return await generated.ToolSet.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        }

        if (call.Args is { } args && args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return FunctionResponse.FromError(call.Id, call.Name, "args: expected a JSON object; got " + args.ValueKind.ToString().ToLowerInvariant());
        }

        object? result;
        try
        {
            result = await entry.Function.InvokeAsync(ArgumentWriter.FromJsonObject(call.Args, _services), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return LiveToolResponses.FromException(call, exception);
        }

        JsonSerializerOptions options = entry.Function.JsonSerializerOptions ?? AIJsonUtilities.DefaultOptions;
        return LiveToolResponses.Output(call, result, (writer, value) => ArgumentWriter.WriteValue(writer, value, options));
    }

    private sealed record Entry(AIFunction Function, LiveToolInfo Info);
}
