namespace Live.Tools;

/// <summary>
/// Marks a method as a tool the model may call. The Live.Tools source generator turns it into a
/// <see cref="FunctionDeclaration"/> and a reflection-free dispatcher on the containing (partial) type.
/// </summary>
/// <remarks>
/// The name defaults to the method name without a trailing <c>Async</c>, in snake_case
/// (<c>GetWeatherAsync</c> → <c>get_weather</c>). Descriptions come from <c>[Description]</c> or the XML docs.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LiveToolAttribute : Attribute
{
    /// <summary>Marks a tool named after the method.</summary>
    public LiveToolAttribute()
    {
    }

    /// <summary>Marks a tool with an explicit function name.</summary>
    /// <param name="name">The function name the model sees.</param>
    public LiveToolAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The function name the model sees, or null to derive it from the method name.</summary>
    public string? Name { get; }

    /// <summary>Whether the conversation waits for the tool (<see cref="Live.Behavior.NonBlocking"/> lets it go on).</summary>
    public Behavior Behavior { get; set; }

    /// <summary>When the model takes up a non-blocking tool's response.</summary>
    public FunctionResponseScheduling Scheduling { get; set; }

    /// <summary>How long a call may run, in milliseconds, before it is cancelled and answered with a timeout error; 0 for the loop's default.</summary>
    public int TimeoutMilliseconds { get; set; }

    /// <summary>
    /// Whether each call waits for the tool loop's approval callback (<c>LiveToolOptions.ApproveAsync</c>) before the
    /// method runs. A refusal, or no callback, answers the model with a <c>not_approved</c> error.
    /// </summary>
    public bool RequiresApproval { get; set; }

    /// <summary>What happens to a call identical to one still running; see <see cref="LiveToolDuplicateCalls"/>.</summary>
    public LiveToolDuplicateCalls DuplicateCalls { get; set; }
}
