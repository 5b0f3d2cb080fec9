namespace Live;

/// <summary>
/// Sessions that survive a restart: open a conversation from the handle an <see cref="ILiveResumptionStore"/> holds,
/// and keep the store up to date with every <c>sessionResumptionUpdate</c>.
/// </summary>
/// <example>
/// <code>
/// await using AsyncSession session = await client.Live.ConnectOrResumeAsync(model, config, store, callId);
/// await session.RunWithToolsAsync(tools, store.SaveResumptionHandles(callId));
/// </code>
/// </example>
public static class LiveResumptionExtensions
{
    /// <summary>
    /// Opens the conversation <paramref name="sessionKey"/>: resumes it from the stored handle when there is one,
    /// otherwise starts a new session. Session resumption is turned on in the configuration either way (a
    /// <see cref="SessionResumptionConfig"/> is added when <paramref name="config"/> has none; the caller's object is not changed).
    /// </summary>
    /// <param name="live">The Live API of a client.</param>
    /// <param name="model">The model.</param>
    /// <param name="config">The session configuration; defaults when null.</param>
    /// <param name="store">Where the conversation's handle is kept.</param>
    /// <param name="sessionKey">The conversation.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>
    /// The session. Whether it was resumed: <c>session.Config.SessionResumption.Handle</c> is the handle it resumed
    /// from, null for a new conversation.
    /// </returns>
    /// <exception cref="LiveClientException">
    /// The service refused the stored handle (expired, or from another key). The handle is removed from the store
    /// first, so calling again starts a new conversation: the caller decides whether losing the context is acceptable.
    /// </exception>
    /// <remarks>Other exceptions are those of <see cref="AsyncLive.ConnectAsync"/>.</remarks>
    public static async Task<AsyncSession> ConnectOrResumeAsync(
        this AsyncLive live,
        string model,
        LiveConnectConfig? config,
        ILiveResumptionStore store,
        string sessionKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);

        string? handle = await store.GetHandleAsync(sessionKey, cancellationToken).ConfigureAwait(false);
        LiveConnectConfig effective = WithHandle(config ?? new LiveConnectConfig(), handle);
        try
        {
            return await live.ConnectAsync(model, effective, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveClientException) when (handle is not null)
        {
            await store.RemoveHandleAsync(sessionKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stores the handle a message carries, when it is a <c>sessionResumptionUpdate</c> with <c>resumable: true</c>;
    /// does nothing for any other message. Call it for every message received (or use <see cref="SaveResumptionHandles"/>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="sessionKey">The conversation.</param>
    /// <param name="message">A received message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether a handle was stored.</returns>
    public static async ValueTask<bool> SaveResumptionHandleAsync(
        this ILiveResumptionStore store,
        string sessionKey,
        LiveServerMessage message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(message);
        if (message.SessionResumptionUpdate is { Resumable: true, NewHandle: { Length: > 0 } handle })
        {
            await store.SetHandleAsync(sessionKey, handle, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A message callback for <see cref="LiveSessionToolExtensions.RunWithToolsAsync"/> that stores every resumable
    /// handle, then calls <paramref name="next"/> (when given) with the message.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="sessionKey">The conversation.</param>
    /// <param name="next">The application's own callback, or null.</param>
    /// <returns>The callback.</returns>
    public static Func<LiveServerMessage, CancellationToken, ValueTask> SaveResumptionHandles(
        this ILiveResumptionStore store,
        string sessionKey,
        Func<LiveServerMessage, CancellationToken, ValueTask>? next = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        return async (message, cancellationToken) =>
        {
            await store.SaveResumptionHandleAsync(sessionKey, message, cancellationToken).ConfigureAwait(false);
            if (next is not null)
            {
                await next(message, cancellationToken).ConfigureAwait(false);
            }
        };
    }

    /// <summary>A shallow copy of the configuration with resumption on, from <paramref name="handle"/> when there is one.</summary>
    private static LiveConnectConfig WithHandle(LiveConnectConfig config, string? handle) => new()
    {
        GenerationConfig = config.GenerationConfig,
        ResponseModalities = config.ResponseModalities,
        Temperature = config.Temperature,
        TopP = config.TopP,
        TopK = config.TopK,
        MaxOutputTokens = config.MaxOutputTokens,
        MediaResolution = config.MediaResolution,
        Seed = config.Seed,
        SpeechConfig = config.SpeechConfig,
        ThinkingConfig = config.ThinkingConfig,
        EnableAffectiveDialog = config.EnableAffectiveDialog,
        SystemInstruction = config.SystemInstruction,
        Tools = config.Tools,
        SessionResumption = new SessionResumptionConfig { Handle = handle, Transparent = config.SessionResumption?.Transparent },
        InputAudioTranscription = config.InputAudioTranscription,
        OutputAudioTranscription = config.OutputAudioTranscription,
        RealtimeInputConfig = config.RealtimeInputConfig,
        ContextWindowCompression = config.ContextWindowCompression,
        Proactivity = config.Proactivity,
        ExplicitVadSignal = config.ExplicitVadSignal,
        AdditionalSetupProperties = config.AdditionalSetupProperties,
    };
}
