using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Live.Tools;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>
/// An <see cref="IRealtimeClientSession"/> over a Gemini Live <see cref="AsyncSession"/>.
/// </summary>
/// <remarks>
/// <para>
/// Client messages map to the Live API: <see cref="InputAudioBufferAppendRealtimeClientMessage"/> →
/// <c>realtimeInput.audio</c>; <see cref="InputAudioBufferCommitRealtimeClientMessage"/> → <c>audioStreamEnd</c>;
/// <see cref="CreateConversationItemRealtimeClientMessage"/> with text or data → a turn held until the next
/// <see cref="CreateResponseRealtimeClientMessage"/>, which sends the held turns with <c>turnComplete</c>; a
/// <see cref="FunctionResultContent"/> item → <c>toolResponse</c> at once. <see cref="SessionUpdateRealtimeClientMessage"/>
/// is refused: a Live session's setup cannot change after it starts.
/// </para>
/// <para>
/// Server messages: model text and audio become <c>OutputTextDelta</c>/<c>OutputAudioDelta</c> (audio base64, as the
/// abstraction defines it), transcriptions become transcription deltas, <c>turnComplete</c> becomes the
/// <c>…Done</c> messages and <c>ResponseDone</c> (<c>Cancelled</c> after an interruption). Every message carries the
/// <see cref="LiveServerMessage"/> as <c>RawRepresentation</c>; messages without an M.E.AI equivalent
/// (<c>toolCallCancellation</c>, <c>goAway</c>, usage, resumption updates) come as <c>RawContentOnly</c>.
/// </para>
/// <para>
/// Function calls: when the session's tools are <see cref="AIFunction"/>s, the adapter runs them through the Live.Tools
/// tool loop — concurrently with the stream, so audio keeps flowing while a tool runs, and a
/// <c>toolCallCancellation</c> cancels the tool's token and sends no response. Such calls are reported as
/// <c>ResponseOutputItemAdded</c> (not <c>…Done</c>, so M.E.AI's function-invoking middleware, which the adapter makes
/// unnecessary, does not run them twice). With declaration-only tools, calls come as <c>ResponseOutputItemDone</c> for
/// the caller to answer with a <see cref="FunctionResultContent"/>.
/// </para>
/// <para>Sends may come from several threads (the Live session serializes them); one reader at a time.</para>
/// </remarks>
[Experimental("MEAI001")]
public sealed class LiveRealtimeClientSession : IRealtimeClientSession
{
    private readonly AsyncSession _session;
    private readonly AIFunctionToolSet? _tools;
    private readonly LiveToolOptions? _toolOptions;
    private readonly List<Content> _pendingTurns = new();
    private readonly ConcurrentDictionary<string, string> _callNames = new(StringComparer.Ordinal);
    private int _responseCount;

    internal LiveRealtimeClientSession(AsyncSession session, RealtimeSessionOptions options, AIFunctionToolSet? tools, LiveToolOptions? toolOptions)
    {
        _session = session;
        Options = options;
        _tools = tools;
        _toolOptions = toolOptions;
    }

    /// <inheritdoc />
    public RealtimeSessionOptions? Options { get; }

    /// <summary>The Live.Tools session underneath.</summary>
    public AsyncSession Session => _session;

    /// <inheritdoc />
    public async Task SendAsync(RealtimeClientMessage message, CancellationToken cancellationToken = default)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        switch (message)
        {
            case InputAudioBufferAppendRealtimeClientMessage append:
                await _session.SendAudioAsync(append.Content.Data, AudioMimeType(append.Content.MediaType), cancellationToken).ConfigureAwait(false);
                break;
            case InputAudioBufferCommitRealtimeClientMessage:
                await _session.SendAudioStreamEndAsync(cancellationToken).ConfigureAwait(false);
                break;
            case CreateConversationItemRealtimeClientMessage create:
                await AddItemAsync(create.Item, cancellationToken).ConfigureAwait(false);
                break;
            case CreateResponseRealtimeClientMessage response:
                Content[] turns;
                lock (_pendingTurns)
                {
                    if (response.Items is { } items)
                    {
                        foreach (RealtimeConversationItem item in items)
                        {
                            AddTurn(item);
                        }
                    }

                    turns = _pendingTurns.ToArray();
                    _pendingTurns.Clear();
                }

                // After tool results Gemini goes on by itself; a response request with nothing held sends nothing.
                if (turns.Length > 0)
                {
                    await _session.SendClientContentAsync(turns, turnComplete: true, cancellationToken).ConfigureAwait(false);
                }

                break;
            case SessionUpdateRealtimeClientMessage:
                throw new NotSupportedException("A Gemini Live session's setup cannot change after it starts; create a new session with the new options.");
            default:
                throw new NotSupportedException($"{message.GetType().Name} has no Gemini Live equivalent.");
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RealtimeServerMessage> GetStreamingResponseAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerable<LiveServerMessage> messages = _tools is null
            ? _session.ReceiveAsync(cancellationToken)
            : _session.ReceiveWithToolsAsync(_tools, _toolOptions, cancellationToken);

        string? responseId = null;
        var text = new StringBuilder();
        var transcript = new StringBuilder();
        bool audio = false;
        await foreach (LiveServerMessage message in messages.ConfigureAwait(false))
        {
            bool mapped = false;
            if (message.ServerContent is { } content)
            {
                if (content.InputTranscription?.Text is { Length: > 0 } input)
                {
                    mapped = true;
                    yield return new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionDelta)
                    {
                        Transcription = input,
                        RawRepresentation = message,
                    };
                }

                if (content.ModelTurn?.Parts is { Count: > 0 } parts)
                {
                    if (responseId is null)
                    {
                        responseId = NewResponseId();
                        yield return new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseCreated) { ResponseId = responseId, RawRepresentation = message };
                    }

                    foreach (Part part in parts)
                    {
                        if (part.Thought == true)
                        {
                            continue;
                        }

                        if (part.Text is { Length: > 0 } delta)
                        {
                            text.Append(delta);
                            mapped = true;
                            yield return new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputTextDelta) { ResponseId = responseId, Text = delta, RawRepresentation = message };
                        }
                        else if (part.InlineData is { } blob && blob.MimeType?.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) == true)
                        {
                            audio = true;
                            mapped = true;
                            yield return new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDelta)
                            {
                                ResponseId = responseId,
                                Audio = Convert.ToBase64String(blob.Data.Span),
                                RawRepresentation = message,
                            };
                        }
                    }
                }

                if (content.OutputTranscription?.Text is { Length: > 0 } output)
                {
                    transcript.Append(output);
                    mapped = true;
                    yield return new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioTranscriptionDelta) { ResponseId = responseId, Text = output, RawRepresentation = message };
                }

                if (content.TurnComplete == true || content.Interrupted == true)
                {
                    mapped = true;
                    string id = responseId ?? NewResponseId();
                    if (text.Length > 0)
                    {
                        yield return new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputTextDone) { ResponseId = id, Text = text.ToString(), RawRepresentation = message };
                    }

                    if (transcript.Length > 0)
                    {
                        yield return new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioTranscriptionDone) { ResponseId = id, Text = transcript.ToString(), RawRepresentation = message };
                    }

                    if (audio)
                    {
                        yield return new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDone) { ResponseId = id, RawRepresentation = message };
                    }

                    yield return new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseDone)
                    {
                        ResponseId = id,
                        Status = content.Interrupted == true ? RealtimeResponseStatus.Cancelled : RealtimeResponseStatus.Completed,
                        RawRepresentation = message,
                    };
                    responseId = null;
                    text.Clear();
                    transcript.Clear();
                    audio = false;
                }
            }

            if (message.ToolCall?.FunctionCalls is { Count: > 0 } calls)
            {
                mapped = true;
                foreach (FunctionCall call in calls)
                {
                    if (call.Id is { } id && call.Name is { } name)
                    {
                        _callNames[id] = name;
                    }

                    var item = new RealtimeConversationItem([new FunctionCallContent(call.Id ?? string.Empty, call.Name ?? string.Empty, ToDictionary(call.Args))], call.Id, ChatRole.Assistant);
                    RealtimeServerMessageType type = _tools is null ? RealtimeServerMessageType.ResponseOutputItemDone : RealtimeServerMessageType.ResponseOutputItemAdded;
                    yield return new ResponseOutputItemRealtimeServerMessage(type) { ResponseId = responseId, Item = item, RawRepresentation = message };
                }
            }

            if (!mapped)
            {
                yield return new RealtimeServerMessage { Type = RealtimeServerMessageType.RawContentOnly, RawRepresentation = message };
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        return serviceKey is not null ? null
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(AsyncSession) ? _session
            : serviceType == typeof(ILiveToolSet) ? _tools
            : null;
    }

    /// <summary>Closes the Live session.</summary>
    /// <returns>A task that completes when the session is closed.</returns>
    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task AddItemAsync(RealtimeConversationItem item, CancellationToken cancellationToken)
    {
        List<FunctionResponse>? responses = null;
        foreach (AIContent content in item.Contents)
        {
            if (content is FunctionResultContent result)
            {
                (responses ??= new()).Add(ToFunctionResponse(result));
            }
        }

        if (responses is not null)
        {
            await _session.SendToolResponseAsync(responses, cancellationToken).ConfigureAwait(false);
            return;
        }

        lock (_pendingTurns)
        {
            AddTurn(item);
        }
    }

    private void AddTurn(RealtimeConversationItem item)
    {
        var parts = new List<Part>();
        foreach (AIContent content in item.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { Length: > 0 } text }:
                    parts.Add(Part.FromText(text));
                    break;
                case DataContent data:
                    parts.Add(Part.FromBytes(data.Data, data.MediaType));
                    break;
                case FunctionResultContent:
                    break;
                default:
                    throw new NotSupportedException($"{content.GetType().Name} in a conversation item has no Gemini Live equivalent (text, data and function results do).");
            }
        }

        if (parts.Count > 0)
        {
            _pendingTurns.Add(new Content { Role = item.Role == ChatRole.Assistant ? "model" : "user", Parts = parts });
        }
    }

    private FunctionResponse ToFunctionResponse(FunctionResultContent result)
    {
        _callNames.TryRemove(result.CallId, out string? name);
        if (result.Exception is { } exception)
        {
            return FunctionResponse.FromError(result.CallId, name, exception is LiveToolException ? exception.Message : $"The tool \"{name}\" failed.");
        }

        var call = new FunctionCall { Id = result.CallId, Name = name };
        return LiveToolResponses.Output(call, result.Result, (writer, value) => ArgumentWriter.WriteValue(writer, value, AIJsonUtilities.DefaultOptions));
    }

    private string AudioMimeType(string mediaType)
    {
        if (mediaType.Contains("rate=", StringComparison.OrdinalIgnoreCase))
        {
            return mediaType;
        }

        int rate = Options?.InputAudioFormat?.SampleRate ?? 16000;
        return "audio/pcm;rate=" + rate.ToString(CultureInfo.InvariantCulture);
    }

    private string NewResponseId() => "response-" + Interlocked.Increment(ref _responseCount).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> ToDictionary(JsonElement? args)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (args is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }
        }

        return arguments;
    }
}
