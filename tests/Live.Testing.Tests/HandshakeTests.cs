using System.Net.WebSockets;

namespace Live.Testing.Tests;

public sealed class HandshakeTests
{
    private const string Setup = """{"setup":{"model":"models/gemini-live-2.5-flash-preview"}}""";

    [Theory]
    [InlineData("/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent", "v1beta", "BidiGenerateContent")]
    [InlineData("//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent", "v1", "BidiGenerateContent")]
    [InlineData("//ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained", "v1alpha", "BidiGenerateContentConstrained")]
    public async Task The_paths_of_the_official_clients_are_served(string path, string version, string method)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator, path: path);

        await client.SendAsync(Setup);
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.True(reply.Has("setupComplete"));
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(path, connection.Path);
        Assert.Equal(version, connection.ApiVersion);
        Assert.Equal(method, connection.Method);
        Assert.Equal("models/gemini-live-2.5-flash-preview", connection.Model);
    }

    [Theory]
    [InlineData("/ws/google.ai.generativelanguage.v1beta.GenerativeService.StreamGenerateContent")]
    [InlineData("/v1beta/models/gemini:bidiGenerateContent")]
    [InlineData("///ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")]
    public async Task Other_paths_are_not_found(string path)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        WebSocketException error = await Assert.ThrowsAsync<WebSocketException>(() => RawLiveClient.ConnectAsync(emulator, path: path));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Connections);
    }

    [Fact]
    public async Task A_plain_HTTP_request_gets_400()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        using var http = new HttpClient();

        HttpResponseMessage response = await http.GetAsync(new Uri(emulator.BaseUrl, RawLiveClient.GeminiPath()));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("?key=wrong-key", "API key not valid")]
    [InlineData("", "unregistered callers")]
    public async Task A_wrong_or_missing_key_closes_with_1008_after_the_setup_frame(string query, string reasonPart)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ApiKey = "the-right-key" });
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator, query: query);

        await client.SendAsync(Setup);
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1008, reply.CloseStatus);
        Assert.Contains(reasonPart, reply.CloseReason, StringComparison.Ordinal);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Null(connection.SetupFrame);
        Assert.Equal(1008, connection.ServerCloseStatus);
    }

    [Fact]
    public async Task The_key_is_taken_from_the_query_the_header_or_an_ephemeral_token()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ApiKey = "auth_tokens/abc" });

        await using (RawLiveClient byToken = await RawLiveClient.ConnectAsync(
            emulator,
            path: "/" + RawLiveClient.GeminiPath("v1alpha", "BidiGenerateContentConstrained"),
            query: "?access_token=auth_tokens/abc"))
        {
            await byToken.SendAsync(Setup);
            Assert.True((await byToken.ReceiveAsync()).Has("setupComplete"));
        }

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("x-goog-api-key", "auth_tokens/abc");
        using var timeout = new CancellationTokenSource(RawLiveClient.Timeout);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{emulator.Port}/{RawLiveClient.GeminiPath()}"), timeout.Token);
        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(Setup), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
        Assert.Equal(["auth_tokens/abc", "auth_tokens/abc"], emulator.Connections.Select(c => c.ApiKey));
        Assert.Equal("auth_tokens/abc", emulator.Connections[1].Headers["x-goog-api-key"]);
    }

    [Fact]
    public async Task Any_key_is_accepted_when_no_key_is_configured()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ApiKey = null });
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator, query: "");

        await client.SendAsync(Setup);

        Assert.True((await client.ReceiveAsync()).Has("setupComplete"));
    }

    [Fact]
    public async Task A_script_can_reject_the_handshake_with_an_HTTP_status()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.RejectHandshake(403));

        WebSocketException error = await Assert.ThrowsAsync<WebSocketException>(() => RawLiveClient.ConnectAsync(emulator));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(403, connection.RejectedHandshakeStatus);
        Assert.False(connection.IsOpen);
        emulator.Verify();
    }

    [Fact]
    public async Task No_setup_within_the_timeout_closes_with_1011()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ExpectTimeout = TimeSpan.FromMilliseconds(300) });
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator);

        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1011, reply.CloseStatus);
    }

    [Fact]
    public async Task Dispose_closes_open_connections_with_1001()
    {
        LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        Task<RawLiveClient.Received> closing = client.ReceiveAsync();
        await emulator.DisposeAsync();
        RawLiveClient.Received reply = await closing;

        Assert.Equal(1001, reply.CloseStatus);
    }

    [Fact]
    public async Task Dispose_does_not_hang_on_a_client_that_stopped_reading()
    {
        LiveEmulator emulator = await LiveEmulator.StartAsync();
        string big = new('x', 64 * 1024);
        emulator.Script(s =>
        {
            for (int i = 0; i < 400; i++)
            {
                s.SendRaw(big);
            }
        });
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);
        await Task.Delay(200);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await emulator.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"dispose took {clock.Elapsed}");
        Assert.Equal(ScriptStatus.Interrupted, emulator.Connections[0].ScriptStatus);
    }
}
