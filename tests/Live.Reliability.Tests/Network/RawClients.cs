using System.Text.Json;

namespace Live.Reliability.Tests.Network;

/// <summary>Clients for the misbehaving servers of <see cref="RawLiveServer"/>, with short liveness bounds.</summary>
internal static class RawClients
{
    public const string Model = "gemini-live-2.5-flash-preview";

    /// <summary>
    /// The keep-alive the tests configure: a dead peer is noticed within 2 x 0.5 + 1.5 = 2.5 s (short, with room for a
    /// loaded machine: a pong read late looks like a dead peer).
    /// </summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>How long a test waits before it calls a wait a hang (far above every configured bound).</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    public static Client Create(Uri baseUrl, Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            ApiKey = "test-key",
            BaseUrl = baseUrl,
            EnvironmentReader = _ => null,
            SetupTimeout = TimeSpan.FromSeconds(5),
            ResumptionRetryDelay = TimeSpan.FromMilliseconds(20),
            KeepAliveInterval = KeepAliveInterval,
            KeepAliveTimeout = KeepAliveTimeout,
        };
        configure?.Invoke(options);
        return new Client(options);
    }

    public static LiveConnectConfig Config(bool resumption, params string[] functions) => new()
    {
        ResponseModalities = [Modality.Text],
        SessionResumption = resumption ? new SessionResumptionConfig() : null,
        Tools = functions.Length == 0
            ? null
            : [new Tool { FunctionDeclarations = [.. functions.Select(f => new FunctionDeclaration { Name = f, Description = "A test function." })] }],
    };

    public static string TextTurn(string text) =>
        "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"text\":" + JsonSerializer.Serialize(text) + "}]},\"turnComplete\":true}}";

    public static string ToolCall(params string[] ids) =>
        "{\"toolCall\":{\"functionCalls\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"name\":\"echo\",\"args\":{\"text\":\"" + id + "\"}}")) + "]}}";

    /// <summary>A server whose connections after the first behave: setup, a handle, then "resumed".</summary>
    public static async Task HealthyResumedAsync(RawPeer peer)
    {
        await peer.CompleteSetupAsync("handle-" + peer.Index);
        await peer.SendTextAsync(TextTurn("resumed"));
    }

    /// <summary>Reads until a message the predicate accepts (bounded by <see cref="HangLimit"/>).</summary>
    public static async Task<List<LiveServerMessage>> ReadUntilAsync(this IAsyncEnumerator<LiveServerMessage> messages, Func<LiveServerMessage, bool> until)
    {
        var read = new List<LiveServerMessage>();
        while (true)
        {
            if (!await messages.MoveNextAsync().AsTask().WaitAsync(HangLimit))
            {
                throw new InvalidOperationException("The session ended before the expected message.");
            }

            read.Add(messages.Current);
            if (until(messages.Current))
            {
                return read;
            }
        }
    }

    /// <summary>Reads to the end (bounded by <see cref="HangLimit"/>).</summary>
    public static async Task DrainAsync(this IAsyncEnumerator<LiveServerMessage> messages)
    {
        while (await messages.MoveNextAsync().AsTask().WaitAsync(HangLimit))
        {
        }
    }

    public static bool IsText(LiveServerMessage message, string text) => message.Text?.Contains(text, StringComparison.Ordinal) == true;
}
