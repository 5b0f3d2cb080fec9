namespace Live.Extensions.AI;

/// <summary>Options of an <see cref="AIFunctionToolSet"/>.</summary>
public sealed class AIFunctionToolSetOptions
{
    /// <summary>
    /// The services handed to each function as <c>AIFunctionArguments.Services</c> (what <c>AIFunctionFactory</c> binds
    /// <see cref="IServiceProvider"/> and <c>[FromServices]</c>-style parameters from); null for none.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>How long a call may run before the tool loop cancels it and answers with a timeout error; null for the loop's default.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Whether the conversation waits for these functions (Gemini Live's <see cref="Live.Behavior"/>); null leaves it
    /// unset (blocking).
    /// </summary>
    public Behavior? Behavior { get; set; }
}
