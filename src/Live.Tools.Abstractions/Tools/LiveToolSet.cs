using System.Diagnostics.CodeAnalysis;

namespace Live.Tools;

/// <summary>Helpers for <see cref="ILiveToolSet"/>.</summary>
public static class LiveToolSet
{
    /// <summary>Combines several tool sets into one that dispatches each call to the set that declares it.</summary>
    /// <param name="toolSets">The sets to combine.</param>
    /// <returns>The combined set.</returns>
    /// <exception cref="ArgumentException">Two sets declare the same function name.</exception>
    public static ILiveToolSet Combine(params ILiveToolSet[] toolSets)
    {
        if (toolSets is null)
        {
            throw new ArgumentNullException(nameof(toolSets));
        }

        return new CombinedToolSet(toolSets);
    }

    /// <summary>Wraps the set's declarations in a <see cref="Tool"/>, for <c>LiveConnectConfig.Tools</c>.</summary>
    /// <param name="toolSet">The tool set.</param>
    /// <returns>A tool with every declaration of the set.</returns>
    public static Tool ToTool(this ILiveToolSet toolSet)
    {
        if (toolSet is null)
        {
            throw new ArgumentNullException(nameof(toolSet));
        }

        return Tool.FromFunctions(toolSet.FunctionDeclarations);
    }

    /// <summary>The error text for a call of a function no set declares; it lists the available names.</summary>
    /// <param name="name">The name the model sent.</param>
    /// <param name="available">The names that exist.</param>
    /// <returns>The message.</returns>
    public static string UnknownFunctionMessage(string? name, IEnumerable<string> available) => ToolErrorText.UnknownFunction(name, available);

    private sealed class CombinedToolSet : ILiveToolSet
    {
        private readonly Dictionary<string, ILiveToolSet> _owners = new(StringComparer.Ordinal);
        private readonly List<FunctionDeclaration> _declarations = new();

        public CombinedToolSet(ILiveToolSet[] toolSets)
        {
            foreach (ILiveToolSet set in toolSets)
            {
                if (set is null)
                {
                    throw new ArgumentException("A tool set to combine is null.", nameof(toolSets));
                }

                foreach (FunctionDeclaration declaration in set.FunctionDeclarations)
                {
                    string name = declaration.Name ?? throw new ArgumentException($"{set.GetType().Name} has a declaration without a name.", nameof(toolSets));
                    if (_owners.TryGetValue(name, out ILiveToolSet? existing))
                    {
                        throw new ArgumentException(
                            $"The function name \"{name}\" is declared by both {DisplayName(existing)} and {DisplayName(set)}; tool names must be unique in a session.",
                            nameof(toolSets));
                    }

                    _owners.Add(name, set);
                    _declarations.Add(declaration);
                }
            }
        }

        public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => _declarations;

        // The set of a static class is a generated nested type (__LiveToolSetImpl): name the class instead.
        private static string DisplayName(ILiveToolSet set)
        {
            Type type = set.GetType();
            return type.Name.StartsWith("__", StringComparison.Ordinal) && type.DeclaringType is { } declaring ? declaring.Name : type.Name;
        }

        public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool)
        {
            if (name is not null && _owners.TryGetValue(name, out ILiveToolSet? owner))
            {
                return owner.TryGetTool(name, out tool);
            }

            tool = null;
            return false;
        }

        public ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
        {
            if (call is null)
            {
                throw new ArgumentNullException(nameof(call));
            }

            if (call.Name is not null && _owners.TryGetValue(call.Name, out ILiveToolSet? owner))
            {
                return owner.InvokeAsync(call, cancellationToken);
            }

            return new ValueTask<FunctionResponse>(
                FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.UnknownFunctionError(call.Name, _owners.Keys)));
        }
    }
}
