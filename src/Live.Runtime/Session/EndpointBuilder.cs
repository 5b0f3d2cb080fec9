namespace Live.Session;

/// <summary>
/// Builds the WebSocket URL and handshake headers exactly as the official clients do (protocol README §2 and the
/// <c>connect_*</c> vectors), including the <c>//ws/</c> they produce for a base URL that ends in <c>/</c>.
/// </summary>
internal static class EndpointBuilder
{
    public const string GeminiDefaultBaseUrl = "https://generativelanguage.googleapis.com/";
    public const string EphemeralTokenPrefix = "auth_tokens/";

    /// <summary>Whether the options use Vertex AI through a custom base URL with neither project nor key (a gateway).</summary>
    public static bool IsVertexGateway(ClientOptions options) =>
        options.VertexAI && string.IsNullOrEmpty(options.Project) && string.IsNullOrEmpty(options.ApiKey) && VertexBaseUrl(options) is not null;

    /// <summary>The Vertex AI location in effect: the option, else <c>global</c>.</summary>
    public static string VertexLocation(ClientOptions options) =>
        string.IsNullOrEmpty(options.Location) ? "global" : options.Location!;

    /// <summary>The API version in effect.</summary>
    public static string ApiVersion(ClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.ApiVersion))
        {
            return options.ApiVersion!;
        }

        if (options.VertexAI)
        {
            return "v1beta1";
        }

        return IsEphemeralToken(options.ApiKey) ? "v1alpha" : "v1beta";
    }

    public static bool IsEphemeralToken(string? apiKey) =>
        apiKey is not null && apiKey.StartsWith(EphemeralTokenPrefix, StringComparison.Ordinal);

    /// <summary>Builds the URL (it may carry the key in its query).</summary>
    /// <param name="options">The client's options.</param>
    /// <returns>The URL.</returns>
    public static string BuildUrl(ClientOptions options)
    {
        string version = ApiVersion(options);
        if (!options.VertexAI)
        {
            Uri baseUrl = options.BaseUrl ?? EnvironmentUrl(options, "GOOGLE_GEMINI_BASE_URL") ?? new Uri(GeminiDefaultBaseUrl);
            bool ephemeral = IsEphemeralToken(options.ApiKey);
            string method = ephemeral ? "BidiGenerateContentConstrained" : "BidiGenerateContent";
            string url = WebSocketBase(baseUrl) + $"/ws/google.ai.generativelanguage.{version}.GenerativeService.{method}";
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                // Not URL-encoded, as the official client sends it (keys and auth_tokens/… need no encoding).
                url += (ephemeral ? "?access_token=" : "?key=") + options.ApiKey;
            }

            return url;
        }

        Uri? custom = VertexBaseUrl(options);
        if (custom is not null && string.IsNullOrEmpty(options.Project) && string.IsNullOrEmpty(options.ApiKey))
        {
            // A gateway: its URL as it is, nothing appended.
            return WebSocketBase(custom);
        }

        Uri vertexBase = custom ?? new Uri($"https://{VertexHost(options)}/");
        return WebSocketBase(vertexBase) + $"/ws/google.cloud.aiplatform.{version}.LlmBidiService/BidiGenerateContent";
    }

    /// <summary>Builds the endpoint: URL and headers (asking the token provider, if any).</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="cancellationToken">Cancels the token request.</param>
    /// <returns>The endpoint.</returns>
    public static async ValueTask<LiveEndpoint> BuildAsync(ClientOptions options, CancellationToken cancellationToken)
    {
        string url = BuildUrl(options);
        var headers = new Dictionary<string, string>(options.Headers, StringComparer.OrdinalIgnoreCase);
        if (options.VertexAI)
        {
            if (!string.IsNullOrEmpty(options.ApiKey) && string.IsNullOrEmpty(options.Project))
            {
                headers["x-goog-api-key"] = options.ApiKey!;
            }
            else if (options.AccessTokenProvider is { } provider)
            {
                string token = await provider(cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(token))
                {
                    throw new InvalidOperationException("ClientOptions.AccessTokenProvider returned no token.");
                }

                headers["Authorization"] = "Bearer " + token;
            }
        }

        var endpoint = new LiveEndpoint(url, headers);
        if (endpoint.Uri.Scheme == "ws" && !endpoint.Uri.IsLoopback && !options.AllowInsecureTransport)
        {
            throw new InvalidOperationException(
                $"Refusing unencrypted ws:// to {endpoint.Uri.Host}: only the loopback interface may be reached without TLS unless ClientOptions.AllowInsecureTransport is set.");
        }

        return endpoint;
    }

    private static Uri? VertexBaseUrl(ClientOptions options) => options.BaseUrl ?? EnvironmentUrl(options, "GOOGLE_VERTEX_BASE_URL");

    private static string VertexHost(ClientOptions options)
    {
        if (string.IsNullOrEmpty(options.Project))
        {
            // Express mode (API key, no project).
            return "aiplatform.googleapis.com";
        }

        string location = VertexLocation(options);
        return location switch
        {
            "global" => "aiplatform.googleapis.com",
            "us" or "eu" => $"aiplatform.{location}.rep.googleapis.com",
            _ => $"{location}-aiplatform.googleapis.com",
        };
    }

    private static Uri? EnvironmentUrl(ClientOptions options, string variable)
    {
        string? value = options.EnvironmentReader(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri)
            ? uri
            : throw new InvalidOperationException($"The environment variable {variable} is not an absolute URL.");
    }

    /// <summary>
    /// The base URL serialised as the official client does (a bare host gains a trailing <c>/</c>), with
    /// <c>http</c> → <c>ws</c> and <c>https</c> → <c>wss</c> (<c>ws</c>/<c>wss</c> kept).
    /// </summary>
    private static string WebSocketBase(Uri baseUrl)
    {
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The base URL must be absolute.");
        }

        string text = baseUrl.AbsoluteUri;
        string scheme = baseUrl.Scheme;
        string rest = text.Substring(scheme.Length);
        string wsScheme = scheme switch
        {
            "http" or "ws" => "ws",
            _ => "wss",
        };

        if (!string.IsNullOrEmpty(baseUrl.Query))
        {
            rest = rest.Substring(0, rest.Length - baseUrl.Query.Length);
        }

        return wsScheme + rest;
    }
}
