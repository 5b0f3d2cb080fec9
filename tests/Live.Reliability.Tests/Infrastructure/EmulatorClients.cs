using Live.Testing;

namespace Live.Reliability.Tests.Infrastructure;

/// <summary>Clients pointed at a <see cref="LiveEmulator"/>, hermetic from the machine's environment.</summary>
internal static class EmulatorClients
{
    public const string Model = "gemini-live-2.5-flash-preview";

    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    public static Task<LiveEmulator> StartAsync() =>
        LiveEmulator.StartAsync(new LiveEmulatorOptions { ExpectTimeout = TimeSpan.FromSeconds(10), WaitTimeout = TimeSpan.FromSeconds(10) });

    public static Client CreateClient(LiveEmulator emulator, Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            ApiKey = emulator.ApiKey,
            BaseUrl = emulator.BaseUrl,
            EnvironmentReader = _ => null,
            SetupTimeout = TimeSpan.FromSeconds(5),
            ResumptionRetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return new Client(options);
    }

    /// <summary>A config with resumption turned on, text answers and one declared function.</summary>
    public static LiveConnectConfig ResumableConfig(params string[] functions) => new()
    {
        ResponseModalities = [Modality.Text],
        SessionResumption = new SessionResumptionConfig(),
        Tools = functions.Length == 0
            ? null
            : [new Tool { FunctionDeclarations = [.. functions.Select(f => new FunctionDeclaration { Name = f, Description = "A test function." })] }],
    };

    /// <summary>Reads messages until one the predicate accepts (bounded by time), returning all read.</summary>
    public static async Task<List<LiveServerMessage>> ReadUntilAsync(this IAsyncEnumerator<LiveServerMessage> messages, Func<LiveServerMessage, bool> until)
    {
        var read = new List<LiveServerMessage>();
        while (true)
        {
            if (!await messages.MoveNextAsync().AsTask().WaitAsync(TestTimeout))
            {
                throw new InvalidOperationException("The session ended before the expected message; read: " + string.Join(" | ", read));
            }

            read.Add(messages.Current);
            if (until(messages.Current))
            {
                return read;
            }
        }
    }

    public static bool IsText(LiveServerMessage message, string text) => message.Text?.Contains(text, StringComparison.Ordinal) == true;
}
