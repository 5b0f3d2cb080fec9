using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Live.Session;
using Live.Transport;

namespace Live.Runtime.Tests.Integration;

/// <summary>
/// The default transport (own handshake over a socket, blocking reads on a dedicated thread) against real servers on
/// 127.0.0.1: where the reader runs, the watchdog that takes the reading over from a reader that keeps the thread, the
/// handshake's checks, and when the ClientWebSocket is used instead.
/// </summary>
public class ThreadedTransportTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static LiveEndpoint Endpoint(int port, string path = "/ws?key=SECRET_TEST_KEY") =>
        new($"ws://127.0.0.1:{port}{path}", new Dictionary<string, string> { ["x-test"] = "value" });

    private static ClientOptions Options() => new() { ApiKey = "SECRET_TEST_KEY", EnvironmentReader = _ => null };

    [Fact]
    public async Task A_message_read_while_the_reader_waits_runs_the_reader_on_the_receive_thread()
    {
        var received = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await waiting.Task.WaitAsync(Bound);
            await LoopbackServer.SendAsync(socket, "{\"a\":1}");
            received.SetResult(await LoopbackServer.ReadAsync(socket));
            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        await using ILiveTransport transport = await WebSocketTransport.ConnectAsync(Endpoint(server.Port), Options(), default);
        Assert.IsType<ThreadedWebSocketTransport>(transport);
        (string payload, string? thread) = await ReceiveAndAnswerAsync(transport, waiting.SetResult);
        Assert.Equal("{\"a\":1}", payload);
        Assert.Equal(ThreadedWebSocketTransport.ThreadName, thread);
        Assert.Equal("{\"b\":2}", await received.Task.WaitAsync(Bound));
        Assert.Equal("value", server.RequestHeaders["x-test"]);
        Assert.Equal("?key=SECRET_TEST_KEY", server.RequestQuery);
        await transport.CloseAsync(1000, null, default);
    }

    [Fact]
    public async Task A_reader_that_keeps_the_receive_thread_does_not_stop_the_reading()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await waiting.Task.WaitAsync(Bound);
            await LoopbackServer.SendAsync(socket, "{\"n\":1}");
            await LoopbackServer.SendAsync(socket, "{\"n\":2}");
            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        await using ILiveTransport transport = await WebSocketTransport.ConnectAsync(Endpoint(server.Port), Options(), default);
        (string? first, string? second, string? thread) = await ReceiveThenWaitBlockingAsync(transport, waiting.SetResult);
        Assert.Equal("{\"n\":1}", first);
        Assert.Equal(ThreadedWebSocketTransport.ThreadName, thread);
        Assert.Equal("{\"n\":2}", second);

        await transport.CloseAsync(1000, null, default);
    }

    [Fact]
    public async Task A_cancelled_receive_loses_no_message_and_dispose_ends_a_blocked_read()
    {
        var send = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await send.Task.WaitAsync(Bound);
            await LoopbackServer.SendAsync(socket, "{\"late\":true}");
            await release.Task.WaitAsync(Bound);
        });

        ILiveTransport transport = await WebSocketTransport.ConnectAsync(Endpoint(server.Port), Options(), default);
        using (var cts = new CancellationTokenSource())
        {
            ValueTask<TransportFrame> waiting = transport.ReceiveAsync(cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        }

        send.SetResult();
        using (TransportFrame frame = await transport.ReceiveAsync(default).AsTask().WaitAsync(Bound))
        {
            Assert.Equal("{\"late\":true}", Encoding.UTF8.GetString(frame.Payload.Span));
        }

        // The reading thread is now blocked in a read of a silent server; disposing ends it and a waiting reader learns it.
        Task<TransportFrame> pending = transport.ReceiveAsync(default).AsTask();
        await transport.DisposeAsync().AsTask().WaitAsync(Bound);
        using TransportFrame end = await pending.WaitAsync(Bound);
        Assert.Equal(TransportFrameKind.Close, end.Kind);
        Assert.Equal(1006, end.CloseCode);
        release.SetResult();
    }

    [Fact]
    public async Task A_send_blocked_by_a_peer_that_stopped_reading_is_cancelled_and_aborts_the_connection()
    {
        await using var peer = new RawHandshakePeer(RawHandshakePeer.Answer.Valid);
        await using ILiveTransport transport = await WebSocketTransport.ConnectAsync(Endpoint(peer.Port), Options(), default);
        byte[] frame = new byte[256 * 1024];
        using var cts = new CancellationTokenSource();

        // The peer never reads: the kernel buffers fill and a send blocks its (here: a pool) thread.
        Task sending = Task.Run(async () =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                await transport.SendTextAsync(frame, cts.Token);
            }
        });
        await Task.Delay(500);
        Assert.False(sending.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Bound));

        var lost = await Assert.ThrowsAsync<LiveServerException>(async () => await transport.ReceiveAsync(default).AsTask().WaitAsync(Bound));
        Assert.Equal(1006, lost.CloseCode);
        Assert.Contains("a send was cancelled", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_after_the_response_header_are_the_first_websocket_frame()
    {
        await using var peer = new RawHandshakePeer(RawHandshakePeer.Answer.ValidWithFrame);
        await using ILiveTransport transport = await WebSocketTransport.ConnectAsync(Endpoint(peer.Port), Options(), default);
        using TransportFrame frame = await transport.ReceiveAsync(default).AsTask().WaitAsync(Bound);
        Assert.Equal(TransportFrameKind.Text, frame.Kind);
        Assert.Equal("hello", Encoding.UTF8.GetString(frame.Payload.Span));
        Assert.Contains("GET /ws?key=SECRET_TEST_KEY HTTP/1.1\r\n", peer.Request, StringComparison.Ordinal);
        Assert.Contains("\r\nx-test: value\r\n", peer.Request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RawHandshakePeer.Answer.WrongAccept, "Sec-WebSocket-Accept")]
    [InlineData(RawHandshakePeer.Answer.NoUpgrade, "Upgrade")]
    [InlineData(RawHandshakePeer.Answer.Extension, "Sec-WebSocket-Extensions")]
    [InlineData(RawHandshakePeer.Answer.Garbage, "status line")]
    [InlineData(RawHandshakePeer.Answer.Hangup, "closed before")]
    public async Task An_invalid_handshake_answer_is_a_server_error_1006_without_the_key(RawHandshakePeer.Answer answer, string why)
    {
        await using var peer = new RawHandshakePeer(answer);
        var ex = await Assert.ThrowsAsync<LiveServerException>(
            async () => await WebSocketTransport.ConnectAsync(Endpoint(peer.Port), Options(), default).AsTask().WaitAsync(Bound));
        Assert.Equal(1006, ex.CloseCode);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Contains("key=***", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET_TEST_KEY", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_server_error_1006_and_a_cancelled_connect_returns()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var ex = await Assert.ThrowsAsync<LiveServerException>(
            async () => await WebSocketTransport.ConnectAsync(Endpoint(port), Options(), default).AsTask().WaitAsync(Bound));
        Assert.Equal(1006, ex.CloseCode);
        Assert.DoesNotContain("SECRET_TEST_KEY", ex.ToString(), StringComparison.Ordinal);

        // A server that accepts and never answers: the connect waits until it is cancelled.
        await using var silent = new RawHandshakePeer(RawHandshakePeer.Answer.Silent);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await WebSocketTransport.ConnectAsync(Endpoint(silent.Port), Options(), cts.Token).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public void The_ClientWebSocket_is_used_when_asked_for_configured_proxied_or_given_a_reserved_header()
    {
        LiveEndpoint endpoint = Endpoint(9);
        IWebProxy none = new WebProxy();
        Assert.False(WebSocketTransport.UsesClientWebSocket(endpoint, Options(), () => none));
        Assert.True(WebSocketTransport.UsesClientWebSocket(endpoint, new ClientOptions { UseClientWebSocket = true }, () => none));
        Assert.True(WebSocketTransport.UsesClientWebSocket(endpoint, new ClientOptions { ConfigureWebSocket = _ => { } }, () => none));
        Assert.True(WebSocketTransport.UsesClientWebSocket(endpoint, Options(), () => new WebProxy("http://127.0.0.1:3128")));
        Assert.False(WebSocketTransport.UsesClientWebSocket(endpoint, Options(), () => new WebProxy("http://127.0.0.1:3128", false, ["127\\.0\\.0\\.1"])));
        Assert.True(WebSocketTransport.UsesClientWebSocket(
            new LiveEndpoint("ws://127.0.0.1:9/ws", new Dictionary<string, string> { ["Host"] = "elsewhere" }), Options(), () => none));
        Assert.True(WebSocketTransport.UsesClientWebSocket(
            new LiveEndpoint("ws://127.0.0.1:9/ws", new Dictionary<string, string> { ["x-bad"] = "a\r\nb" }), Options(), () => none));
        Assert.True(new ClientOptions { UseClientWebSocket = true }.Clone().UseClientWebSocket);
    }

    [Fact]
    public async Task The_ClientWebSocket_path_still_works_when_forced()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.SendAsync(socket, "{\"a\":1}");
            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        ClientOptions options = Options();
        options.UseClientWebSocket = true;
        await using ILiveTransport transport = await WebSocketTransport.ConnectAsync(Endpoint(server.Port), options, default);
        Assert.IsType<WebSocketTransport>(transport);
        using TransportFrame frame = await transport.ReceiveAsync(default).AsTask().WaitAsync(Bound);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(frame.Payload.Span));
        await transport.CloseAsync(1000, null, default);
    }

    [Fact]
    public async Task Over_TLS_the_default_transport_checks_the_certificate_upgrades_and_reads_on_the_receive_thread()
    {
        using System.Security.Cryptography.X509Certificates.X509Certificate2 certificate = SelfSignedLoopbackCertificate();
        var received = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackServer server = await LoopbackServer.StartTlsAsync(
            async socket =>
            {
                await waiting.Task.WaitAsync(Bound);
                await LoopbackServer.SendAsync(socket, "{\"a\":1}");
                received.SetResult(await LoopbackServer.ReadAsync(socket));
                await LoopbackServer.DrainUntilCloseAsync(socket);
            },
            certificate);

        ClientOptions options = Options();
        string? seenThumbprint = null;
        options.ServerCertificateValidation = (_, presented, _, _) =>
        {
            seenThumbprint = presented?.GetCertHashString();
            return seenThumbprint == certificate.GetCertHashString();
        };
        var endpoint = new LiveEndpoint($"wss://localhost:{server.Port}/ws?key=SECRET_TEST_KEY", new Dictionary<string, string> { ["x-test"] = "value" });
        await using ILiveTransport transport = await WebSocketTransport.ConnectAsync(endpoint, options, default);
        Assert.IsType<ThreadedWebSocketTransport>(transport);
        (string payload, string? thread) = await ReceiveAndAnswerAsync(transport, waiting.SetResult);
        Assert.Equal("{\"a\":1}", payload);
        Assert.Equal(ThreadedWebSocketTransport.ThreadName, thread);
        Assert.Equal("{\"b\":2}", await received.Task.WaitAsync(Bound));
        Assert.Equal(certificate.GetCertHashString(), seenThumbprint);
        Assert.Equal("value", server.RequestHeaders["x-test"]);
        await transport.CloseAsync(1000, null, default);
    }

    [Fact]
    public async Task Over_TLS_a_certificate_the_system_does_not_trust_fails_the_connect_without_the_key_in_the_message()
    {
        using System.Security.Cryptography.X509Certificates.X509Certificate2 certificate = SelfSignedLoopbackCertificate();
        await using LoopbackServer server = await LoopbackServer.StartTlsAsync(LoopbackServer.DrainUntilCloseAsync, certificate);
        var endpoint = new LiveEndpoint($"wss://localhost:{server.Port}/ws?key=SECRET_TEST_KEY", new Dictionary<string, string>());
        LiveServerException error = await Assert.ThrowsAsync<LiveServerException>(
            async () => await WebSocketTransport.ConnectAsync(endpoint, Options(), default));
        Assert.Equal(1006, error.CloseCode);
        Assert.DoesNotContain("SECRET_TEST_KEY", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A certificate for localhost with its private key, usable by Kestrel on Linux (exported and loaded again).</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using System.Security.Cryptography.X509Certificates.X509Certificate2 created =
            request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            created.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    /// <summary>Waits for one message (then lets the server send it) and, on the thread the reader continues on, sends an answer.</summary>
    private static async Task<(string Payload, string? Thread)> ReceiveAndAnswerAsync(ILiveTransport transport, Action waiting)
    {
        using TransportFrame frame = await new SignalWhenAwaited(transport.ReceiveAsync(default), waiting);
        string? thread = Thread.CurrentThread.Name;

        // A send from there goes out at once, on this thread.
        await transport.SendTextAsync("{\"b\":2}"u8.ToArray(), default).ConfigureAwait(false);
        return (Encoding.UTF8.GetString(frame.Payload.Span), thread);
    }

    /// <summary>
    /// Waits for one message (then lets the server send it) and then, on the thread the reader continues on, blocks until the next one arrives: only another
    /// thread can read it. Null for the second when it did not come within the bound.
    /// </summary>
    private static async Task<(string First, string? Second, string? Thread)> ReceiveThenWaitBlockingAsync(ILiveTransport transport, Action waiting)
    {
        using TransportFrame first = await new SignalWhenAwaited(transport.ReceiveAsync(default), waiting);
        string? thread = Thread.CurrentThread.Name;
        Task<TransportFrame> next = transport.ReceiveAsync(default).AsTask();
        string? second = null;
        if (next.Wait(Bound))
        {
            using TransportFrame frame = next.Result;
            second = Encoding.UTF8.GetString(frame.Payload.Span);
        }

        return (Encoding.UTF8.GetString(first.Payload.Span), second, thread);
    }

    /// <summary>Awaits a receive (without the context) and calls the signal once the continuation is registered.</summary>
    private readonly struct SignalWhenAwaited(ValueTask<TransportFrame> receive, Action signal) : ICriticalNotifyCompletion
    {
        private readonly ConfiguredValueTaskAwaitable<TransportFrame>.ConfiguredValueTaskAwaiter _inner = receive.ConfigureAwait(false).GetAwaiter();

        public bool IsCompleted => false;

        public SignalWhenAwaited GetAwaiter() => this;

        public TransportFrame GetResult() => _inner.GetResult();

        public void OnCompleted(Action continuation)
        {
            _inner.OnCompleted(continuation);
            signal();
        }

        public void UnsafeOnCompleted(Action continuation)
        {
            _inner.UnsafeOnCompleted(continuation);
            signal();
        }
    }

    /// <summary>A hand-written server on 127.0.0.1 that answers one WebSocket handshake as told, then neither reads nor writes.</summary>
    public sealed class RawHandshakePeer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;
        private readonly CancellationTokenSource _stop = new();
        private Socket? _accepted;

        public RawHandshakePeer(Answer answer)
        {
            _listener.Start();
            _serving = Task.Run(() => ServeAsync(answer));
        }

        public enum Answer
        {
            Valid,
            ValidWithFrame,
            WrongAccept,
            NoUpgrade,
            Extension,
            Garbage,
            Hangup,
            Silent,
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string Request { get; private set; } = "";

        private async Task ServeAsync(Answer answer)
        {
            Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
            _accepted = socket;
            socket.ReceiveBufferSize = 4096;
            var request = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await socket.ReceiveAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            Request = request.ToString();
            string key = Request.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
            string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            string valid = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n";
            byte[] reply = answer switch
            {
                Answer.Valid => Encoding.ASCII.GetBytes(valid + "\r\n"),
                Answer.ValidWithFrame => [.. Encoding.ASCII.GetBytes(valid + "\r\n"), 0x81, 5, .. "hello"u8.ToArray()],
                Answer.WrongAccept => Encoding.ASCII.GetBytes(valid.Replace(accept, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", StringComparison.Ordinal) + "\r\n"),
                Answer.NoUpgrade => Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"),
                Answer.Extension => Encoding.ASCII.GetBytes(valid + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n"),
                Answer.Garbage => Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH\r\n\r\n"),
                _ => [],
            };
            if (answer == Answer.Hangup)
            {
                socket.Shutdown(SocketShutdown.Both);
                return;
            }

            if (reply.Length > 0)
            {
                await socket.SendAsync(reply, _stop.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            _accepted?.Dispose();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }
    }
}
