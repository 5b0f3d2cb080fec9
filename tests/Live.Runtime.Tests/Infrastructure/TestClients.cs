using Live.Transport;

namespace Live.Runtime.Tests.Infrastructure;

/// <summary>Creates clients wired to an <see cref="InMemoryTransport"/>, hermetic from the machine's environment.</summary>
internal static class TestClients
{
    public const string Key = "TEST_KEY";
    public const string GeminiModel = "gemini-live-2.5-flash-preview";
    public const string VertexModel = "gemini-2.0-flash-live-preview-04-09";

    public static ClientOptions GeminiOptions(InMemoryTransport transport) => Wire(new ClientOptions { ApiKey = Key }, transport);

    public static ClientOptions VertexOptions(InMemoryTransport transport) => Wire(
        new ClientOptions
        {
            VertexAI = true,
            Project = "test-project",
            Location = "us-central1",
            AccessTokenProvider = _ => ValueTask.FromResult(Key),
        },
        transport);

    /// <summary>Routes the options' connections to the transport and hides the machine's environment variables.</summary>
    public static ClientOptions Wire(ClientOptions options, InMemoryTransport transport, Func<string, string?>? environment = null)
    {
        options.EnvironmentReader = environment ?? (_ => null);
        options.TransportFactory = (endpoint, _, _) =>
        {
            transport.Endpoint = endpoint;
            transport.ConnectCount++;
            return ValueTask.FromResult<ILiveTransport>(transport);
        };
        return options;
    }

    public static async Task<(AsyncSession Session, InMemoryTransport Transport)> ConnectGeminiAsync(LiveConnectConfig? config = null)
    {
        var transport = new InMemoryTransport();
        var client = new Client(GeminiOptions(transport));
        AsyncSession session = await client.Live.ConnectAsync(GeminiModel, config).WaitAsync(TimeSpan.FromSeconds(10));
        return (session, transport);
    }

    public static async Task<(AsyncSession Session, InMemoryTransport Transport)> ConnectVertexAsync(LiveConnectConfig? config = null)
    {
        var transport = new InMemoryTransport();
        var client = new Client(VertexOptions(transport));
        AsyncSession session = await client.Live.ConnectAsync(VertexModel, config).WaitAsync(TimeSpan.FromSeconds(10));
        return (session, transport);
    }

    /// <summary>Reads the next message with a time limit.</summary>
    public static async Task<LiveServerMessage> NextAsync(this AsyncSession session, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        await foreach (LiveServerMessage message in session.ReceiveAsync(cts.Token))
        {
            return message;
        }

        throw new InvalidOperationException("The session ended without a message.");
    }

    /// <summary>Reads until the end of the session (bounded), returning the messages.</summary>
    public static async Task<List<LiveServerMessage>> DrainAsync(this AsyncSession session, int max = 1000, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var messages = new List<LiveServerMessage>();
        await foreach (LiveServerMessage message in session.ReceiveAsync(cts.Token))
        {
            messages.Add(message);
            if (messages.Count >= max)
            {
                break;
            }
        }

        return messages;
    }
}
