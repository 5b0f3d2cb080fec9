using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Live.Testing;

/// <summary>
/// Runs one accepted WebSocket: a receive loop that records and validates every client frame, and a runner that
/// answers setup, plays the connection's script and then hands frames to the emulator's rules.
/// </summary>
internal sealed class ConnectionSession
{
    private static readonly TimeSpan s_closeHandshakeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_abortSettleTime = TimeSpan.FromMilliseconds(200);

    private readonly LiveEmulator _emulator;
    private readonly WebSocket _socket;
    private readonly LiveScript? _script;
    private readonly Channel<EmulatorFrame> _incoming = Channel.CreateUnbounded<EmulatorFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime;
    private readonly Socket? _tcp;
    private int _closeSent;
    private int _aborted;
    private int _ended;

    public ConnectionSession(LiveEmulator emulator, EmulatorConnection connection, WebSocket socket, HttpContext http, LiveScript? script, CancellationToken stopping)
    {
        _emulator = emulator;
        Connection = connection;
        _socket = socket;
        _script = script;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopping, http.RequestAborted);
        _tcp = http.Features.Get<IConnectionSocketFeature>()?.Socket;
    }

    public EmulatorConnection Connection { get; }

    private LiveEmulatorOptions Options => Connection.Options;

    private bool CloseSent => Volatile.Read(ref _closeSent) != 0;

    public async Task RunAsync()
    {
        Task receiving = ReceiveLoopAsync();
        try
        {
            await RunScriptAndRulesAsync().ConfigureAwait(false);
        }
        finally
        {
            await receiving.ConfigureAwait(false);
            Volatile.Write(ref _ended, 1);
            _lifetime.Dispose();
            Connection.MarkEnded();
        }
    }

    /// <summary>Sends a message, recording it first (so a reply the client makes to it is recorded after it).</summary>
    public async Task SendAsync(ServerMessage message, CancellationToken cancellationToken)
    {
        byte[] payload = message.ToUtf8(Options.IndentServerFrames && !message.IsVerbatim);
        bool binary = !Options.ServerFramesAsText;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (CloseSent || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                throw new ConnectionEndedException("the connection was closed before a message could be sent");
            }

            _emulator.Record(Connection, FrameDirection.ServerToClient, binary, payload);
            await _socket.SendAsync(payload, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (IsSocketFailure(exception))
        {
            throw new ConnectionEndedException("the connection ended while a message was sent", exception);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next frame the receive loop queued; null once the connection has ended.</summary>
    public async Task<EmulatorFrame?> ReceiveAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        TimeSpan wait = timeout ?? Options.ExpectTimeout;
        if (_incoming.Reader.TryRead(out EmulatorFrame? ready))
        {
            return ready;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (wait != Timeout.InfiniteTimeSpan)
        {
            timer.CancelAfter(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        }

        try
        {
            return await _incoming.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No client frame within {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends a close frame (once) and gives the client a few seconds to answer it before dropping the connection.</summary>
    public async Task CloseAsync(int status, string reason)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            return;
        }

        reason = CloseReasons.Fit(reason);
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _closeSent, 1) != 0 || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            Connection.ServerCloseStatus = status;
            Connection.ServerCloseReason = reason;
            _emulator.RecordClose(Connection, FrameDirection.ServerToClient, status, reason);
            using var timeout = new CancellationTokenSource(s_closeHandshakeTimeout);
            await _socket.CloseOutputAsync((WebSocketCloseStatus)status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsSocketFailure(exception))
        {
            // The client is already gone.
        }
        finally
        {
            _sendLock.Release();
        }

        // The receive loop waits for the client's close frame; drop the connection if it never comes.
        CancellationToken lifetime;
        try
        {
            if (Volatile.Read(ref _ended) != 0)
            {
                return;
            }

            lifetime = _lifetime.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        _ = Task.Delay(s_closeHandshakeTimeout, lifetime).ContinueWith(
            _ => Abort(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>
    /// Drops the TCP connection without a close frame once the frames already sent have had time to leave Kestrel's
    /// output buffers (Kestrel writes to the socket asynchronously, so an immediate drop could lose them).
    /// </summary>
    public async Task AbortAsync()
    {
        await Task.Delay(s_abortSettleTime, CancellationToken.None).ConfigureAwait(false);
        Abort();
    }

    /// <summary>Drops the TCP connection without a close frame, now.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        if (!Connection.ClosedByClient && Connection.ServerCloseStatus is null)
        {
            Connection.Aborted = true;
        }

        try
        {
            // Ends the TCP connection with a FIN after what was already sent, and no WebSocket close frame: the client
            // reads every frame sent before, then sees the connection end (an HTTP abort would reset the connection
            // and could discard those frames).
            _tcp?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        try
        {
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request has already ended.
        }
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException
            or Microsoft.AspNetCore.Connections.ConnectionAbortedException;

    /// <summary>A failure of a socket operation: the connection failed, or the socket was no longer in a state to send.</summary>
    private static bool IsSocketFailure(Exception exception) => IsConnectionFailure(exception) || exception is InvalidOperationException;

    // ------------------------------------------------------------------ receiving

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        bool first = true;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(), _lifetime.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    OnClientClose();
                    if (!CloseSent)
                    {
                        await ReplyToCloseAsync().ConfigureAwait(false);
                    }

                    break;
                }

                if (message.Length + result.Count > Options.MaxClientMessageBytes)
                {
                    message.SetLength(0);
                    await CloseAsync(1009, $"Message too big: more than {Options.MaxClientMessageBytes} bytes.").ConfigureAwait(false);
                    continue;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                byte[] payload = message.ToArray();
                message.SetLength(0);
                bool binary = result.MessageType == WebSocketMessageType.Binary;
                if (CloseSent)
                {
                    // Frames after our close frame are recorded but not acted on.
                    _emulator.Record(Connection, FrameDirection.ClientToServer, binary, payload);
                    continue;
                }

                await OnClientMessageAsync(payload, binary, first).ConfigureAwait(false);
                first = false;
            }
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            if (!Connection.ClosedByClient && !CloseSent)
            {
                Connection.Aborted = true;
            }
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }

    private void OnClientClose()
    {
        Connection.ClosedByClient = true;
        int? status = _socket.CloseStatus is { } s && s != WebSocketCloseStatus.Empty ? (int)s : null;
        Connection.ClientCloseStatus = status;
        EmulatorFrame frame = _emulator.RecordClose(Connection, FrameDirection.ClientToServer, status, _socket.CloseStatusDescription);
        _incoming.Writer.TryWrite(frame);
    }

    private async Task ReplyToCloseAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _closeSent, 1) == 0 && _socket.State == WebSocketState.CloseReceived)
            {
                _emulator.RecordClose(Connection, FrameDirection.ServerToClient, Connection.ClientCloseStatus, _socket.CloseStatusDescription);
                using var timeout = new CancellationTokenSource(s_closeHandshakeTimeout);
                await _socket.CloseOutputAsync(_socket.CloseStatus ?? WebSocketCloseStatus.Empty, _socket.CloseStatusDescription, timeout.Token)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsSocketFailure(exception))
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task OnClientMessageAsync(byte[] payload, bool binary, bool first)
    {
        JsonDocument? document = null;
        string? jsonError = null;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            jsonError = exception.Message;
        }

        EmulatorFrame frame = _emulator.Record(Connection, FrameDirection.ClientToServer, binary, payload, document);

        // As a gateway would, reject a bad credential before looking at the request.
        if (first && !_emulator.IsAuthorized(Connection.ApiKey))
        {
            await CloseAsync(1008, Connection.ApiKey is null ? CloseReasons.MissingApiKey : CloseReasons.InvalidApiKey).ConfigureAwait(false);
            return;
        }

        if (document is null)
        {
            await CloseAsync(1007, $"Invalid JSON payload received. {FirstSentence(jsonError)}").ConfigureAwait(false);
            return;
        }

        string? error = ClientMessageValidator.ValidateEnvelope(document.RootElement, out string? messageType);
        if (error is null && first && messageType != "setup")
        {
            error = $"Invalid argument: the first message must be \"setup\", got \"{messageType}\".";
        }

        if (error is null && !first && messageType == "setup")
        {
            error = "Invalid argument: \"setup\" must be sent only once, as the first message.";
        }

        if (error is null && (first || Options.ValidateClientMessages))
        {
            error = ClientMessageValidator.ValidateBody(messageType!, frame.Body);
        }

        if (error is null && first)
        {
            error = ValidateModel(frame.Body, out bool notFound);
            if (error is not null && notFound)
            {
                await CloseAsync(1008, error).ConfigureAwait(false);
                return;
            }
        }

        if (error is null && !first && messageType == "toolResponse" && Options.Profile is { } profile)
        {
            var stripped = new List<string>();
            error = profile.CheckToolResponse(frame.Body, stripped);
            Connection.AddStripped(stripped);
        }

        if (error is not null)
        {
            await CloseAsync(1007, error).ConfigureAwait(false);
            return;
        }

        _incoming.Writer.TryWrite(frame);
    }

    private string? ValidateModel(JsonElement setup, out bool notFound)
    {
        notFound = false;
        string? model = JsonFields.GetString(setup, "model");
        if (string.IsNullOrEmpty(model))
        {
            return "Invalid argument: setup.model is required.";
        }

        if (Connection.IsVertexAI)
        {
            // Vertex AI names a publisher's model, in a project and location or not.
            string[] segments = model.Split('/');
            bool publisherModel = segments is ["publishers", { Length: > 0 }, "models", { Length: > 0 }]
                || segments is ["projects", { Length: > 0 }, "locations", { Length: > 0 }, "publishers", { Length: > 0 }, "models", { Length: > 0 }];
            if (!publisherModel)
            {
                return $"Invalid argument: setup.model must be \"projects/{{project}}/locations/{{location}}/publishers/{{publisher}}/models/{{model}}\" or \"publishers/{{publisher}}/models/{{model}}\", got \"{model}\".";
            }

            string id = segments[^1];
            if (Options.Models is { } servedOnVertex && !servedOnVertex.Any(m => m == id || m == "models/" + id || m == model))
            {
                notFound = true;
                return $"Publisher model {model} was not found or your project does not have access to it.";
            }

            return null;
        }

        if (!(model.StartsWith("models/", StringComparison.Ordinal) || model.StartsWith("tunedModels/", StringComparison.Ordinal)))
        {
            return $"Invalid argument: setup.model must be \"models/{{model}}\", got \"{model}\".";
        }

        if (Options.Models is { } served && !served.Any(m => m == model || "models/" + m == model))
        {
            notFound = true;
            return $"{model} is not found for API version {Connection.ApiVersion}, or is not supported for bidiGenerateContent.";
        }

        return null;
    }

    private static string FirstSentence(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    // ------------------------------------------------------------------ script and rules

    private async Task RunScriptAndRulesAsync()
    {
        CancellationToken token = _lifetime.Token;
        var context = new ScriptContext(this, token);
        EmulatorFrame? setup;
        try
        {
            setup = await ReceiveAsync(Options.ExpectTimeout, token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await CloseAsync(1011, "Deadline expired before operation could complete.").ConfigureAwait(false);
            EndScript(ScriptStatus.Interrupted, "no setup frame arrived in time");
            return;
        }

        if (setup is null || setup.IsClose)
        {
            EndScript(ScriptStatus.Interrupted, Connection.ServerCloseReason is { } reason
                ? $"the emulator rejected the setup: {reason}"
                : "the connection ended before setup");
            return;
        }

        Connection.SetSetup(setup);
        context.LastFrame = setup;
        var strippedInSetup = new List<string>();
        bool leaveUnanswered = false;
        string? setupProblem = Options.Profile?.CheckSetup(setup.Body, out leaveUnanswered, strippedInSetup);
        Connection.AddStripped(strippedInSetup);
        if (setupProblem is { } problem)
        {
            if (leaveUnanswered)
            {
                // As reported for the model: no setupComplete, no close; the client waits until it gives up.
                EndScript(ScriptStatus.Interrupted, problem);
                await DrainAsync(token).ConfigureAwait(false);
                return;
            }

            EndScript(ScriptStatus.Interrupted, problem);
            await CloseAsync(1007, problem).ConfigureAwait(false);
            await DrainAsync(token).ConfigureAwait(false);
            return;
        }

        Connection.ScriptStatus = ScriptStatus.Running;
        try
        {
            if (_script?.AnswersSetup ?? true)
            {
                Connection.CurrentStep = "send setupComplete";
                await SendAsync(ServerMessage.SetupComplete(_script?.SessionId), token).ConfigureAwait(false);
            }

            foreach (ScriptStep step in _script?.Steps ?? [])
            {
                Connection.CurrentStep = step.Description;
                await step.Run(context).ConfigureAwait(false);
            }

            EndScript(ScriptStatus.Completed, null);
        }
        catch (ScriptFailedException exception)
        {
            string message = $"connection {Connection.Number}, step \"{Connection.CurrentStep}\": {exception.Message}";
            EndScript(ScriptStatus.Failed, message);
            _emulator.AddFailure(message);
            await CloseAsync(1011, "LiveEmulator: " + exception.Message).ConfigureAwait(false);
            await DrainAsync(token).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is ConnectionEndedException || (IsConnectionFailure(exception) && !Connection.IsOpen) || token.IsCancellationRequested)
        {
            EndScript(ScriptStatus.Interrupted, $"step \"{Connection.CurrentStep}\": {exception.Message}");
            await DrainAsync(token).ConfigureAwait(false);
            return;
        }
        catch (Exception exception)
        {
            string message = $"connection {Connection.Number}, step \"{Connection.CurrentStep}\" threw {exception.GetType().Name}: {exception.Message}";
            EndScript(ScriptStatus.Failed, message);
            _emulator.AddFailure(message);
            await CloseAsync(1011, "LiveEmulator: " + exception.Message).ConfigureAwait(false);
            await DrainAsync(token).ConfigureAwait(false);
            return;
        }

        await RunRulesAsync(context, token).ConfigureAwait(false);
    }

    private void EndScript(ScriptStatus status, string? error)
    {
        Connection.ScriptStatus = status;
        Connection.ScriptError = error;
        Connection.CurrentStep = null;
    }

    private async Task RunRulesAsync(ScriptContext context, CancellationToken token)
    {
        while (true)
        {
            EmulatorFrame? frame = await ReceiveAsync(Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
            if (frame is null)
            {
                return;
            }

            context.LastFrame = frame;
            try
            {
                await _emulator.Rules.HandleAsync(this, frame, token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ConnectionEndedException || IsConnectionFailure(exception))
            {
                return;
            }
            catch (Exception exception)
            {
                string message = $"connection {Connection.Number}: a rule threw {exception.GetType().Name}: {exception.Message}";
                _emulator.AddFailure(message);
                await CloseAsync(1011, "LiveEmulator: " + exception.Message).ConfigureAwait(false);
                await DrainAsync(token).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task DrainAsync(CancellationToken token)
    {
        while (await ReceiveAsync(Timeout.InfiniteTimeSpan, token).ConfigureAwait(false) is not null)
        {
        }
    }
}
