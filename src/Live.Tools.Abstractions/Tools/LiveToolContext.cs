namespace Live.Tools;

/// <summary>
/// What a tool may learn about the call it is serving. Declare a parameter of this type on a <see cref="LiveToolAttribute"/>
/// method and the dispatcher passes it, like a <see cref="CancellationToken"/>; it never appears in the schema.
/// </summary>
public sealed class LiveToolContext
{
    /// <summary>Creates the context of one call.</summary>
    /// <param name="call">The call being served.</param>
    public LiveToolContext(FunctionCall call)
    {
        Call = call ?? throw new ArgumentNullException(nameof(call));
    }

    /// <summary>The call being served, as the model sent it.</summary>
    public FunctionCall Call { get; }

    /// <summary>The call's id (the response carries it back).</summary>
    public string? CallId => Call.Id;

    /// <summary>The function name the model called.</summary>
    public string? FunctionName => Call.Name;

    /// <inheritdoc />
    public override string ToString() => $"LiveToolContext {FunctionName} (id {CallId})";
}
