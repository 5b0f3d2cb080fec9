using System.Buffers;
using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live.Tools;

/// <summary>
/// Builds the responses of generated dispatchers: results written as UTF-8 JSON (<c>{"output": …}</c>) through a
/// reused per-thread writer, argument errors, unknown functions and exceptions. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LiveToolResponses
{
    private const int MaxRetainedBufferSize = 64 * 1024;
    private static readonly byte[] s_empty = "{}"u8.ToArray();
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static WriterCache? t_cache;

    /// <summary>The response of a tool that returns nothing: an empty object, <c>{}</c>.</summary>
    /// <param name="call">The call answered.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse Empty(FunctionCall call) =>
        FunctionResponse.FromUtf8Json(call?.Id, call?.Name, s_empty);

    /// <summary>The response <c>{"output": value}</c>, the value written by generated code.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call answered.</param>
    /// <param name="value">The result.</param>
    /// <param name="write">Writes the value.</param>
    /// <returns>The response; an error response when the value cannot be written as JSON.</returns>
    public static FunctionResponse Output<T>(FunctionCall call, T value, Action<Utf8JsonWriter, T> write)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        WriterCache cache = RentCache();
        try
        {
            Utf8JsonWriter writer = cache.Writer;
            writer.WriteStartObject();
            writer.WritePropertyName("output"u8);
            write(writer, value);
            writer.WriteEndObject();
            writer.Flush();
            return FunctionResponse.FromUtf8Json(call?.Id, call?.Name, cache.Buffer.WrittenSpan.ToArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Unwritable(call, exception);
        }
        finally
        {
            ReturnCache(cache);
        }
    }

    /// <summary>The response <c>{"output": value}</c>, the value written with a <see cref="JsonTypeInfo{T}"/> the user supplied.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call answered.</param>
    /// <param name="value">The result.</param>
    /// <param name="typeInfo">The metadata, or null when the context has none for <typeparamref name="T"/>.</param>
    /// <returns>The response; an error response when the value cannot be written.</returns>
    public static FunctionResponse Output<T>(FunctionCall call, T value, JsonTypeInfo<T>? typeInfo)
    {
        if (typeInfo is null)
        {
            return Unwritable(call, new InvalidOperationException($"The JSON context has no metadata for {typeof(T)}."));
        }

        return Output(call, value, (writer, v) => JsonSerializer.Serialize(writer, v, typeInfo));
    }

    /// <summary>The error response for an argument that does not fit.</summary>
    /// <param name="call">The call answered.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse ArgumentError(FunctionCall call, LiveToolArgumentError error)
    {
        FunctionResponse response = FunctionResponse.FromError(call?.Id, call?.Name, ToolErrorText.ArgumentErrorOf(error));
        response.IsArgumentError = true;
        return response;
    }

    /// <summary>The error response for a function the set does not declare.</summary>
    /// <param name="call">The call answered.</param>
    /// <param name="available">The names the set declares.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse UnknownFunction(FunctionCall call, IEnumerable<string> available) =>
        FunctionResponse.FromError(call?.Id, call?.Name, ToolErrorText.UnknownFunctionError(call?.Name, available));

    /// <summary>
    /// The error response for an exception a tool threw: the message of a <see cref="LiveToolException"/>, otherwise
    /// <c>The tool "name" failed.</c>; the exception is kept in <see cref="FunctionResponse.ToolException"/>.
    /// </summary>
    /// <param name="call">The call answered.</param>
    /// <param name="exception">What the tool threw.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse FromException(FunctionCall call, Exception exception)
    {
        FunctionResponse response = FunctionResponse.FromError(call?.Id, call?.Name, ToolErrorText.FailedError(call?.Name, exception, includeDetails: false));
        response.ToolException = exception;
        return response;
    }

    /// <summary>
    /// Runs a streaming tool's sequence: every item but the last goes out as an interim response
    /// (<c>{"output": item}</c>, <c>willContinue: true</c>) when the loop can send interim responses for this call; the
    /// last item is the returned (final) response. Where interim responses are not possible only the last item is sent.
    /// An empty sequence answers <c>{}</c>.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="call">The call answered.</param>
    /// <param name="items">The tool's sequence.</param>
    /// <param name="write">Writes one item.</param>
    /// <param name="cancellationToken">The call's token, passed to the enumerator.</param>
    /// <returns>The final response.</returns>
    public static async ValueTask<FunctionResponse> StreamAsync<T>(FunctionCall call, IAsyncEnumerable<T> items, Action<Utf8JsonWriter, T> write, CancellationToken cancellationToken)
    {
        if (items is null)
        {
            return Empty(call);
        }

        LiveToolCallScope? scope = LiveToolCallScope.For(call);
        IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                return Empty(call);
            }

            T current = enumerator.Current;
            while (await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                if (scope is { CanSendInterim: true })
                {
                    FunctionResponse interim = Output(call, current, write);
                    if (!interim.IsError)
                    {
                        await scope.SendInterimAsync(interim, cancellationToken).ConfigureAwait(false);
                    }
                }

                current = enumerator.Current;
            }

            return Output(call, current, write);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Like <see cref="StreamAsync{T}(FunctionCall, IAsyncEnumerable{T}, Action{Utf8JsonWriter, T}, CancellationToken)"/>, items written with a <see cref="JsonTypeInfo{T}"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="call">The call answered.</param>
    /// <param name="items">The tool's sequence.</param>
    /// <param name="typeInfo">The metadata, or null when the context has none for <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The final response.</returns>
    public static ValueTask<FunctionResponse> StreamAsync<T>(FunctionCall call, IAsyncEnumerable<T> items, JsonTypeInfo<T>? typeInfo, CancellationToken cancellationToken) =>
        typeInfo is null
            ? new ValueTask<FunctionResponse>(Unwritable(call, new InvalidOperationException($"The JSON context has no metadata for {typeof(T)}.")))
            : StreamAsync(call, items, (writer, v) => JsonSerializer.Serialize(writer, v, typeInfo), cancellationToken);

    private static FunctionResponse Unwritable(FunctionCall? call, Exception exception)
    {
        FunctionResponse response = FunctionResponse.FromError(
            call?.Id, call?.Name, new LiveToolError(LiveToolError.StatusFailed, ToolErrorText.Unwritable(call?.Name), retryable: false) { ReasonCode = "unwritable_result" });
        response.ToolException = exception;
        return response;
    }

    private static WriterCache RentCache()
    {
        WriterCache? cache = t_cache;
        if (cache is null)
        {
            return new WriterCache();
        }

        t_cache = null;
        return cache;
    }

    private static void ReturnCache(WriterCache cache)
    {
        if (cache.Buffer.Capacity > MaxRetainedBufferSize)
        {
            return;
        }

        cache.Buffer.ResetWrittenCount();
        cache.Writer.Reset(cache.Buffer);
        t_cache = cache;
    }

    private sealed class WriterCache
    {
        public WriterCache()
        {
            Buffer = new ArrayBufferWriter<byte>(256);
            Writer = new Utf8JsonWriter(Buffer, s_writerOptions);
        }

        public ArrayBufferWriter<byte> Buffer { get; }

        public Utf8JsonWriter Writer { get; }
    }
}
