namespace Live;

/// <summary>
/// A session's setup asks for something its model does not accept, according to <see cref="LiveModelProfiles"/>.
/// Thrown by <see cref="AsyncLive.ConnectAsync"/> before anything is sent, instead of a setup the service would refuse
/// or leave unanswered.
/// </summary>
public sealed class LiveSetupNotSupportedException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="model">The model name as given.</param>
    /// <param name="field">The setup field, for example <c>proactivity.proactiveAudio</c>.</param>
    /// <param name="message">The full message (names field and model).</param>
    public LiveSetupNotSupportedException(string model, string field, string message)
        : base(message, "config")
    {
        Model = model;
        Field = field;
    }

    /// <summary>The model name as given.</summary>
    public string Model { get; }

    /// <summary>The setup field the model does not accept, as a wire path (for example <c>tools[0].functionDeclarations[1].behavior</c>).</summary>
    public string Field { get; }
}
