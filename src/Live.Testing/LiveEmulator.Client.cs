namespace Live.Testing;

/// <content>A <see cref="Client"/> pointed at the emulator.</content>
public sealed partial class LiveEmulator
{
    /// <summary>
    /// Creates a <see cref="Client"/> that talks to this emulator: <see cref="ClientOptions.BaseUrl"/> is
    /// <see cref="BaseUrl"/> and <see cref="ClientOptions.ApiKey"/> is <see cref="ApiKey"/>.
    /// </summary>
    /// <param name="configure">Adjusts the options before the client is made (API version, timeouts, logging…).</param>
    /// <returns>The client.</returns>
    /// <example>
    /// <code>
    /// await using var emulator = await LiveEmulator.StartAsync();
    /// emulator.OnUserText("hello", turn =&gt; turn.Say("Hi!"));
    /// Client client = emulator.CreateClient();
    /// await using AsyncSession session = await client.Live.ConnectAsync("gemini-live-2.5-flash-preview",
    ///     new LiveConnectConfig { ResponseModalities = [Modality.Text] });
    /// </code>
    /// </example>
    public Client CreateClient(Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { ApiKey = ApiKey, BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return new Client(options);
    }
}
