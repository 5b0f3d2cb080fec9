using Live.Session;
using Live.Wire;

namespace Live;

public sealed partial class AsyncSession
{
    /// <summary>
    /// Sends turns to append to the conversation (<c>clientContent</c>). With <paramref name="turnComplete"/> true the
    /// model starts answering; with false it waits for more. With no turns, only <c>turnComplete</c> is sent.
    /// </summary>
    /// <param name="turns">The turns, in order (roles <c>user</c>/<c>model</c>); null for none.</param>
    /// <param name="turnComplete">Whether the user's turn is complete (the model should answer).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException"><paramref name="turns"/> is empty or holds null.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendClientContentAsync(IEnumerable<Content>? turns = null, bool turnComplete = false, CancellationToken cancellationToken = default)
    {
        List<Content>? list = null;
        if (turns is not null)
        {
            list = [.. turns];
            if (list.Count == 0)
            {
                throw new ArgumentException("turns must not be empty; pass null to send only turnComplete.", nameof(turns));
            }

            if (list.Contains(null!))
            {
                throw new ArgumentException("turns must not hold null.", nameof(turns));
            }
        }

        return SendClientContentCoreAsync(list, turnComplete, cancellationToken);
    }

    /// <summary>Sends one turn (<c>clientContent</c> with a one-element <c>turns</c>).</summary>
    /// <param name="turn">The turn.</param>
    /// <param name="turnComplete">Whether the user's turn is complete (the model should answer).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendClientContentAsync(Content turn, bool turnComplete = false, CancellationToken cancellationToken = default)
    {
        if (turn is null)
        {
            throw new ArgumentNullException(nameof(turn));
        }

        return SendClientContentCoreAsync([turn], turnComplete, cancellationToken);
    }

    /// <summary>Sends a text as one user turn.</summary>
    /// <param name="text">The text.</param>
    /// <param name="turnComplete">Whether the user's turn is complete (the model should answer).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendClientContentAsync(string text, bool turnComplete = false, CancellationToken cancellationToken = default)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return SendClientContentCoreAsync([Content.FromText(text)], turnComplete, cancellationToken);
    }

    /// <summary>
    /// Sends parts as one user turn. Function call and function response parts need a role: wrap them in a
    /// <see cref="Content"/> instead.
    /// </summary>
    /// <param name="parts">The parts.</param>
    /// <param name="turnComplete">Whether the user's turn is complete (the model should answer).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">No parts, a null part, or a function call/response part.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendClientContentAsync(IEnumerable<Part> parts, bool turnComplete = false, CancellationToken cancellationToken = default)
    {
        if (parts is null)
        {
            throw new ArgumentNullException(nameof(parts));
        }

        List<Part> list = [.. parts];
        if (list.Count == 0 || list.Contains(null!))
        {
            throw new ArgumentException("parts must hold at least one part and no null.", nameof(parts));
        }

        if (list.Exists(p => p.FunctionCall is not null || p.FunctionResponse is not null))
        {
            throw new ArgumentException(
                "Failed to parse client content: functionCall and functionResponse parts must be wrapped in a Content that names their role.", nameof(parts));
        }

        return SendClientContentCoreAsync([new Content { Parts = list, Role = "user" }], turnComplete, cancellationToken);
    }

    /// <summary>Sends media chunks in the seed's (deprecated) form: <c>realtimeInput.mediaChunks</c>.</summary>
    /// <param name="mediaChunks">The chunks, for example 16-bit PCM audio (<c>audio/pcm;rate=16000</c>).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">No chunks, or a null chunk.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendRealtimeInputAsync(IEnumerable<Blob> mediaChunks, CancellationToken cancellationToken = default)
    {
        if (mediaChunks is null)
        {
            throw new ArgumentNullException(nameof(mediaChunks));
        }

        List<Blob> list = [.. mediaChunks];
        if (list.Count == 0 || list.Contains(null!))
        {
            throw new ArgumentException("mediaChunks must hold at least one blob and no null.", nameof(mediaChunks));
        }

        return SendThroughAsync((IReadOnlyList<Blob>)list, static (c, s, t) => c.SendAsync("realtimeInput", s, RealtimeInputWriter.WriteMediaChunks, t), cancellationToken);
    }

    /// <summary>
    /// Sends realtime input: audio, a video frame, text, activity start/end, or the end of the audio stream. Audio
    /// needs an <c>audio/…</c> MIME type and video an <c>image/…</c> one. Set one member per call where you can.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">Nothing is set, or a MIME type does not fit.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendRealtimeInputAsync(LiveSendRealtimeInputParameters input, CancellationToken cancellationToken = default)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        if (input.Audio is null && input.Video is null && input.Text is null && input.ActivityStart is null
            && input.ActivityEnd is null && input.AudioStreamEnd is null && input.Media is null)
        {
            throw new ArgumentException("Set at least one member of the realtime input.", nameof(input));
        }

        CheckMimeType(input.Audio?.MimeType, "audio/", input.Audio is not null, nameof(input));
        CheckMimeType(input.Video?.MimeType, "image/", input.Video is not null, nameof(input));
        return SendThroughAsync(input, static (c, s, t) => c.SendAsync("realtimeInput", s, RealtimeInputWriter.Write, t), cancellationToken);
    }

    /// <summary>Sends a chunk of audio (<c>realtimeInput.audio</c>): raw 16-bit little-endian PCM, base64-encoded straight into the frame.</summary>
    /// <param name="pcm">The audio bytes.</param>
    /// <param name="mimeType">The MIME type with the sample rate; must start with <c>audio/</c>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">The MIME type does not start with <c>audio/</c>.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendAudioAsync(ReadOnlyMemory<byte> pcm, string mimeType = "audio/pcm;rate=16000", CancellationToken cancellationToken = default)
    {
        CheckMimeType(mimeType, "audio/", true, nameof(mimeType));
        return SendThroughAsync((pcm, mimeType, false), static (c, s, t) => c.SendAsync("realtimeInput.audio", s, RealtimeInputWriter.WriteMedia, t), cancellationToken);
    }

    /// <summary>Sends one video frame as an image (<c>realtimeInput.video</c>).</summary>
    /// <param name="image">The encoded image.</param>
    /// <param name="mimeType">The image's MIME type; must start with <c>image/</c>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">The MIME type does not start with <c>image/</c>.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendVideoAsync(ReadOnlyMemory<byte> image, string mimeType = "image/jpeg", CancellationToken cancellationToken = default)
    {
        CheckMimeType(mimeType, "image/", true, nameof(mimeType));
        return SendThroughAsync((image, mimeType, true), static (c, s, t) => c.SendAsync("realtimeInput.video", s, RealtimeInputWriter.WriteMedia, t), cancellationToken);
    }

    /// <summary>Sends realtime text (<c>realtimeInput.text</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendRealtimeInputAsync(new LiveSendRealtimeInputParameters { Text = text ?? throw new ArgumentNullException(nameof(text)) }, cancellationToken);

    /// <summary>Marks the start of user activity (<c>activityStart</c>; only with automatic activity detection disabled).</summary>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendActivityStartAsync(CancellationToken cancellationToken = default) =>
        SendRealtimeInputAsync(new LiveSendRealtimeInputParameters { ActivityStart = new ActivityStart() }, cancellationToken);

    /// <summary>Marks the end of user activity (<c>activityEnd</c>; only with automatic activity detection disabled).</summary>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendActivityEndAsync(CancellationToken cancellationToken = default) =>
        SendRealtimeInputAsync(new LiveSendRealtimeInputParameters { ActivityEnd = new ActivityEnd() }, cancellationToken);

    /// <summary>Tells the service the audio stream paused (<c>audioStreamEnd: true</c>), so it can flush.</summary>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendAudioStreamEndAsync(CancellationToken cancellationToken = default) =>
        SendRealtimeInputAsync(new LiveSendRealtimeInputParameters { AudioStreamEnd = true }, cancellationToken);

    /// <summary>
    /// Answers function calls (<c>toolResponse</c>). Each response carries the <see cref="FunctionCall.Id"/> of the call it
    /// answers (required on the Gemini API, optional on Vertex AI).
    /// </summary>
    /// <param name="functionResponses">The responses, usually one per call of a <see cref="LiveServerToolCall"/>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">No responses, a null response, or (Gemini API) a response without an id.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendToolResponseAsync(IEnumerable<FunctionResponse> functionResponses, CancellationToken cancellationToken = default)
    {
        if (functionResponses is null)
        {
            throw new ArgumentNullException(nameof(functionResponses));
        }

        List<FunctionResponse> list = [.. functionResponses];
        if (list.Count == 0)
        {
            throw new ArgumentException("functionResponses is required: send at least one response.", nameof(functionResponses));
        }

        foreach (FunctionResponse response in list)
        {
            if (response is null)
            {
                throw new ArgumentException("functionResponses must not hold null.", nameof(functionResponses));
            }

            if (!_options.VertexAI && string.IsNullOrEmpty(response.Id))
            {
                throw new ArgumentException(
                    $"The FunctionResponse for '{response.Name}' has no id: on the Gemini API every response must carry the id of the FunctionCall it answers.",
                    nameof(functionResponses));
            }
        }

        var message = new LiveClientMessage { ToolResponse = new LiveClientToolResponse { FunctionResponses = list } };
        return SendThroughAsync(message, static (c, m, t) => c.SendMessageAsync("toolResponse", m, t), cancellationToken);
    }

    /// <summary>Answers one function call (<c>toolResponse</c>); see <see cref="SendToolResponseAsync(IEnumerable{FunctionResponse}, CancellationToken)"/>.</summary>
    /// <param name="functionResponse">The response.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">A null response, or (Gemini API) a response without an id.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendToolResponseAsync(FunctionResponse functionResponse, CancellationToken cancellationToken = default) =>
        SendToolResponseAsync([functionResponse], cancellationToken);

    /// <summary>Answers function calls (<c>toolResponse</c>); see <see cref="SendToolResponseAsync(IEnumerable{FunctionResponse}, CancellationToken)"/>.</summary>
    /// <remarks>
    /// A <c>params</c> array must come last, so this overload takes no token: to cancel, pass the array (or any sequence)
    /// to <see cref="SendToolResponseAsync(IEnumerable{FunctionResponse}, CancellationToken)"/>, or one response to
    /// <see cref="SendToolResponseAsync(FunctionResponse, CancellationToken)"/>.
    /// </remarks>
    /// <param name="functionResponses">The responses.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">No responses, a null response, or (Gemini API) a response without an id.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendToolResponseAsync(params FunctionResponse[] functionResponses) =>
        SendToolResponseAsync((IEnumerable<FunctionResponse>)functionResponses, CancellationToken.None);

    /// <summary>
    /// Changes the system instruction and/or the tools mid-session (<c>contextUpdate</c>). Null members stay unchanged;
    /// an empty <see cref="LiveContextUpdate.Tools"/> removes every tool.
    /// </summary>
    /// <param name="update">The change.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    /// <exception cref="ArgumentException">Nothing to change.</exception>
    /// <exception cref="InvalidOperationException">The session is closed.</exception>
    public Task SendContextUpdateAsync(LiveContextUpdate update, CancellationToken cancellationToken = default)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        if (update.SystemInstruction is null && update.Tools is null)
        {
            throw new ArgumentException("Set SystemInstruction and/or Tools: there is nothing to update.", nameof(update));
        }

        var message = new LiveClientMessage
        {
            ContextUpdate = new LiveClientContextUpdate
            {
                SystemInstruction = update.SystemInstruction,
                Tools = update.Tools is null ? null : new LiveToolsUpdate { Tools = update.Tools },
            },
        };
        return SendThroughAsync(message, static (c, m, t) => c.SendMessageAsync("contextUpdate", m, t), cancellationToken);
    }

    private Task SendClientContentCoreAsync(List<Content>? turns, bool turnComplete, CancellationToken cancellationToken)
    {
        var message = new LiveClientMessage { ClientContent = new LiveClientContent { Turns = turns, TurnComplete = turnComplete } };
        return SendThroughAsync(message, static (c, m, t) => c.SendMessageAsync("clientContent", m, t), cancellationToken);
    }

    private static void CheckMimeType(string? mimeType, string prefix, bool present, string parameterName)
    {
        if (present && (mimeType is null || !mimeType.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"Unsupported mime type: {mimeType ?? "(none)"} (expected {prefix}…).", parameterName);
        }
    }
}
