using System.Text.Json;
using Live.Tools;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>Converts between Live.Tools tool sets and Microsoft.Extensions.AI functions.</summary>
public static class LiveAIFunctions
{
    /// <summary>
    /// Exposes every function of a tool set (a generated <c>[LiveTool]</c> type, a combined set, …) as an
    /// <see cref="AIFunction"/>, for an <see cref="IChatClient"/> with <c>FunctionInvokingChatClient</c> or an MCP server.
    /// </summary>
    /// <remarks>
    /// The JSON Schema is written from the generated declaration (Gemini's schema upper-case types become JSON Schema
    /// types, <c>nullable</c> becomes <c>["t", "null"]</c>, <c>example</c> becomes <c>examples</c>); invocation writes the
    /// arguments into the call's JSON object and runs the set's dispatcher, so argument checking, error texts and
    /// result writing are the generated ones, with no reflection. The result is the value the dispatcher put under
    /// <c>"output"</c>, or the <c>{"error": "…"}</c> object when the call failed.
    /// </remarks>
    /// <param name="toolSet">The tool set.</param>
    /// <param name="serializerOptions">Options for argument values that are not already JSON (<see cref="AIJsonUtilities.DefaultOptions"/> when null).</param>
    /// <returns>One function per declaration, in declaration order.</returns>
    public static IReadOnlyList<AIFunction> AsAIFunctions(this ILiveToolSet toolSet, JsonSerializerOptions? serializerOptions = null)
    {
        if (toolSet is null)
        {
            throw new ArgumentNullException(nameof(toolSet));
        }

        serializerOptions ??= AIJsonUtilities.DefaultOptions;
        var functions = new List<AIFunction>(toolSet.FunctionDeclarations.Count);
        foreach (FunctionDeclaration declaration in toolSet.FunctionDeclarations)
        {
            if (string.IsNullOrEmpty(declaration.Name))
            {
                throw new ArgumentException("The tool set has a declaration without a name.", nameof(toolSet));
            }

            functions.Add(new LiveToolAIFunction(toolSet, declaration, serializerOptions));
        }

        return functions.AsReadOnly();
    }

    /// <summary>Makes a tool set of <see cref="AIFunction"/>s; see <see cref="AIFunctionToolSet"/> for the schema conversion.</summary>
    /// <param name="functions">The functions.</param>
    /// <param name="options">Services, timeout and behavior; null for the defaults.</param>
    /// <returns>The tool set.</returns>
    /// <exception cref="NotSupportedException">A function's schema cannot be expressed in Gemini's schema.</exception>
    public static AIFunctionToolSet AsLiveToolSet(this IEnumerable<AIFunction> functions, AIFunctionToolSetOptions? options = null) =>
        new(functions, options);
}
