using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>
/// Where the model is in the user's request (<c>serverContent.interactionStatus</c>), sent by models that keep working
/// in the background while they talk (Gemini 3.8 Live, Gemini 3.8 Live Extended Thinking): the model may speak several
/// times within one request, so a turn's end is not the request's end.
/// </summary>
[JsonConverter(typeof(InteractionStatusConverter))]
public enum InteractionStatus
{
    /// <summary><c>INTERACTION_STATUS_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>IN_PROGRESS</c>: the model is still working on the request (tools or reasoning in the background); more output follows.</summary>
    InProgress,

    /// <summary><c>IDLE</c>: the request is done; the model waits for the user.</summary>
    Idle,

    /// <summary><c>REQUIRES_ACTION</c>: deprecated by Google in favour of <see cref="Idle"/>; read it as <see cref="Idle"/>.</summary>
    [Obsolete("Deprecated by the Live API: use Idle instead.")]
    RequiresAction,
}

/// <summary>Wire converter for <see cref="InteractionStatus"/>.</summary>
internal sealed class InteractionStatusConverter : WireEnumConverter<InteractionStatus>
{
    public InteractionStatusConverter()
        : base(
            (InteractionStatus.Unspecified, "INTERACTION_STATUS_UNSPECIFIED"),
            (InteractionStatus.InProgress, "IN_PROGRESS"),
            (InteractionStatus.Idle, "IDLE"),
#pragma warning disable CS0618 // The deprecated value still has to be read.
            (InteractionStatus.RequiresAction, "REQUIRES_ACTION"))
#pragma warning restore CS0618
    {
    }
}
