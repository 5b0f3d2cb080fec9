using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Live.Session;

namespace Live.Transport;

/// <summary>
/// Opens a WebSocket the way <see cref="ThreadedWebSocketTransport"/> needs it, with blocking calls only (it runs on the
/// transport's own thread): resolve, connect, TLS (SNI = the host) for <c>wss</c>, the HTTP/1.1 Upgrade request with the
/// endpoint's headers, the answer checked (status 101, <c>Upgrade</c>, <c>Connection</c>, <c>Sec-WebSocket-Accept</c>,
/// no extension or subprotocol). Failures become the exceptions the <see cref="ClientWebSocket"/> path throws
/// (<see cref="Refused"/>); messages carry the redacted URL only, never the query or a header value.
/// </summary>
internal static class WebSocketHandshake
{
    private const int MaxResponseHeaderBytes = 64 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Headers the handshake writes itself: a caller setting one is left to the <see cref="ClientWebSocket"/>.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions",
        "Sec-WebSocket-Protocol", "Content-Length", "Transfer-Encoding", "Expect", "Proxy-Connection", "Keep-Alive", "TE",
    };

    /// <summary>
    /// Whether this handshake can send the headers as they are: names are HTTP tokens, values printable ASCII, none of the
    /// headers the handshake writes itself. Anything else is left to the <see cref="ClientWebSocket"/> (which validates it as
    /// it always did).
    /// </summary>
    /// <param name="headers">The endpoint's headers.</param>
    /// <returns>Whether they can be written.</returns>
    public static bool CanWrite(IReadOnlyDictionary<string, string> headers)
    {
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (header.Key.Length == 0 || Reserved.Contains(header.Key) || header.Value is null)
            {
                return false;
            }

            foreach (char c in header.Key)
            {
                if (c is <= ' ' or >= '\x7f' or '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=' or '{' or '}')
                {
                    return false;
                }
            }

            foreach (char c in header.Value)
            {
                if ((c < ' ' && c != '\t') || c >= '\x7f')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>What a refused or failed handshake means for the session (shared with the <see cref="ClientWebSocket"/> path).</summary>
    /// <param name="endpoint">The endpoint (its redacted URL goes into the message).</param>
    /// <param name="status">The HTTP status of the answer; 0 when there was none.</param>
    /// <param name="inner">The failure.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception Refused(LiveEndpoint endpoint, int status, Exception inner)
    {
        if (status >= 400 && status < 500)
        {
            return new LiveClientException(
                $"The Live API refused the WebSocket handshake to {endpoint.RedactedUrl} with HTTP {status}.", null, null, status, inner);
        }

        if (status >= 500 || (status > 0 && status != 101))
        {
            return new LiveServerException(
                $"The Live API refused the WebSocket handshake to {endpoint.RedactedUrl} with HTTP {status}.", null, null, status, inner);
        }

        return new LiveServerException($"Could not open the WebSocket to {endpoint.RedactedUrl}: {inner.Message}", 1006, null, null, inner);
    }

    /// <summary>Connects, upgrades and wraps the connection in a WebSocket (blocking).</summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="options">Keep-alive settings.</param>
    /// <param name="track">Told each socket before it is used, so that a cancellation can dispose it (which unblocks the call).</param>
    /// <returns>The open WebSocket over a <see cref="BlockingStream"/>.</returns>
    /// <exception cref="LiveClientException">The service refused the handshake with a 4xx status.</exception>
    /// <exception cref="LiveServerException">Any other failure.</exception>
    public static WebSocket Open(LiveEndpoint endpoint, ClientOptions options, Action<Socket> track)
    {
        Uri uri = endpoint.Uri;
        bool secure = string.Equals(uri.Scheme, "wss", StringComparison.OrdinalIgnoreCase);
        Socket? socket = null;
        Stream? stream = null;
        try
        {
            socket = Connect(uri, secure, track);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                tls.AuthenticateAsClient(new SslClientAuthenticationOptions
                {
                    TargetHost = uri.IdnHost,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    RemoteCertificateValidationCallback = options.ServerCertificateValidation,
                });
            }

            string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            stream.Write(BuildRequest(uri, endpoint.Headers, key));
            (int status, byte[] buffer, int headerEnd, int read) = ReadResponse(stream, endpoint, key);
            if (status != 101)
            {
                throw Refused(endpoint, status, new WebSocketException(
                    WebSocketError.NotAWebSocket, $"The server returned status code '{status}' when status code '101' was expected."));
            }

            var blocking = new BlockingStream(socket, stream, buffer, headerEnd, read - headerEnd, buffered: !secure);
            var creation = new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = options.KeepAliveInterval };
#if NET9_0_OR_GREATER
            if (options.KeepAliveInterval > TimeSpan.Zero)
            {
                creation.KeepAliveTimeout = options.KeepAliveTimeout;
            }
#endif
            return WebSocket.CreateFromStream(blocking, creation);
        }
        catch (LiveException)
        {
            Dispose(socket, stream);
            throw;
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            Dispose(socket, stream);
            throw Refused(endpoint, 0, new WebSocketException(WebSocketError.Faulted, "Unable to connect to the remote server: " + WebSocketTransportBase.Describe(ex), ex));
        }
        catch
        {
            Dispose(socket, stream);
            throw;
        }
    }

    private static void Dispose(Socket? socket, Stream? stream)
    {
        socket?.Dispose();
        stream?.Dispose();
    }

    private static Socket Connect(Uri uri, bool secure, Action<Socket> track)
    {
        int port = uri.Port > 0 ? uri.Port : secure ? 443 : 80;
        IPAddress[] addresses = IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? literal)
            ? [literal]
            : Dns.GetHostAddresses(uri.IdnHost);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                track(socket);
                socket.Connect(new IPEndPoint(address, port));
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static byte[] BuildRequest(Uri uri, IReadOnlyDictionary<string, string> headers, string key)
    {
        var request = new StringBuilder(256 + (headers.Count * 64));
        request.Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\nHost: ").Append(uri.IdnHost);
        if (!uri.IsDefaultPort)
        {
            request.Append(':').Append(uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        request.Append("\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ").Append(key).Append("\r\n");
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        request.Append("\r\n");
        return Encoding.ASCII.GetBytes(request.ToString());
    }

    /// <summary>Reads the response header and checks a 101; returns the status, the buffer, where the header ends and how much was read.</summary>
    private static (int Status, byte[] Buffer, int HeaderEnd, int Read) ReadResponse(Stream stream, LiveEndpoint endpoint, string key)
    {
        byte[] buffer = new byte[4096];
        int read = 0;
        int headerEnd;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length >= MaxResponseHeaderBytes)
                {
                    throw Invalid(endpoint, "the response header is larger than 64 KiB");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                throw Invalid(endpoint, "the connection was closed before the response header ended");
            }

            int from = Math.Max(0, read - 3);
            read += n;
            int at = buffer.AsSpan(from, read - from).IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                headerEnd = from + at + 4;
                break;
            }
        }

        string header = Encoding.Latin1.GetString(buffer, 0, headerEnd - 4);
        string[] lines = header.Split("\r\n");
        string statusLine = lines[0];
        if (!statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) || statusLine.Length < 12 || statusLine[8] != ' '
            || !int.TryParse(statusLine.AsSpan(9, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int status))
        {
            throw Invalid(endpoint, "the status line is not HTTP/1.x");
        }

        if (status != 101)
        {
            return (status, buffer, headerEnd, read);
        }

        string? upgrade = null, connection = null, accept = null;
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Invalid(endpoint, "a header line has no name");
            }

            string name = lines[i][..colon].Trim();
            string value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
            {
                upgrade = value;
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                connection = connection is null ? value : connection + "," + value;
            }
            else if (name.Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase))
            {
                accept = value;
            }
            else if (name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase) || name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(endpoint, $"the server chose {name}, which the client did not offer");
            }
        }

        if (!string.Equals(upgrade, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(endpoint, "the Upgrade header is not 'websocket'");
        }

        if (connection is null || !connection.Split(',').Any(token => token.Trim().Equals("Upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            throw Invalid(endpoint, "the Connection header does not say 'Upgrade'");
        }

        string expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        if (!string.Equals(accept, expected, StringComparison.Ordinal))
        {
            throw Invalid(endpoint, "Sec-WebSocket-Accept does not match the key");
        }

        return (status, buffer, headerEnd, read);
    }

    private static LiveServerException Invalid(LiveEndpoint endpoint, string why) =>
        (LiveServerException)Refused(endpoint, 0, new WebSocketException(WebSocketError.HeaderError, "The answer to the WebSocket handshake is not valid: " + why + "."));
}
