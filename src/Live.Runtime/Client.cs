namespace Live;

/// <summary>
/// The entry point of the Live API client, like the official SDKs' <c>Client</c>: holds the credentials and settings,
/// and opens sessions through <see cref="Live"/>. Immutable and safe to share; one per application is enough.
/// </summary>
/// <example>
/// <code>
/// var client = new Client(apiKey);
/// await using AsyncSession session = await client.Live.ConnectAsync("gemini-live-2.5-flash-preview");
/// </code>
/// </example>
public sealed class Client
{
    private readonly ClientOptions _options;

    /// <summary>
    /// Creates a client from the environment: the API key from <c>GOOGLE_API_KEY</c> or, when that is not set,
    /// <c>GEMINI_API_KEY</c> (the official SDKs give <c>GOOGLE_API_KEY</c> precedence); Vertex AI when
    /// <c>GOOGLE_GENAI_USE_VERTEXAI</c> is <c>true</c>, with <c>GOOGLE_CLOUD_PROJECT</c> and <c>GOOGLE_CLOUD_LOCATION</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither variable holds a key (and Vertex AI is not configured).</exception>
    public Client()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a client for the Gemini Developer API with an API key (or an ephemeral <c>auth_tokens/…</c> token).</summary>
    /// <param name="apiKey">The key; never logged or shown.</param>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public Client(string apiKey)
        : this(new ClientOptions { ApiKey = string.IsNullOrEmpty(apiKey) ? throw new ArgumentException("The API key is required.", nameof(apiKey)) : apiKey })
    {
    }

    /// <summary>Creates a client with options (copied: later changes to them do not affect the client).</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The options are inconsistent (for example no key for the Gemini API).</exception>
    public Client(ClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        _options = Validate(options.Clone());
        Live = new AsyncLive(_options);
        AuthTokens = new AuthTokens(_options);
    }

    internal Client(Func<string, string?> environment)
    {
        ClientOptions options = ClientOptions.FromEnvironment(environment);
        if (!options.VertexAI && string.IsNullOrEmpty(options.ApiKey))
        {
            throw new InvalidOperationException("No API key: set GOOGLE_API_KEY or GEMINI_API_KEY, or pass one to Client(string apiKey).");
        }

        _options = Validate(options);
        Live = new AsyncLive(_options);
        AuthTokens = new AuthTokens(_options);
    }

    /// <summary>The Live API: <see cref="AsyncLive.ConnectAsync"/> opens a session.</summary>
    public AsyncLive Live { get; }

    /// <summary>Ephemeral tokens for browsers: <see cref="AuthTokens.CreateAsync"/> (Gemini Developer API).</summary>
    public AuthTokens AuthTokens { get; }

    /// <summary>Whether the client uses Vertex AI.</summary>
    public bool IsVertexAI => _options.VertexAI;

    /// <summary>The client's options (a private copy).</summary>
    internal ClientOptions Options => _options;

    /// <inheritdoc />
    public override string ToString() => "Client " + _options;

    private static ClientOptions Validate(ClientOptions options)
    {
        if (options.SetupTimeout <= TimeSpan.Zero && options.SetupTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("ClientOptions.SetupTimeout must be positive or Timeout.InfiniteTimeSpan.", nameof(options));
        }

        if (options.MaxIncomingMessageBytes <= 0 || options.MaxJsonDepth <= 0)
        {
            throw new ArgumentException("ClientOptions.MaxIncomingMessageBytes and MaxJsonDepth must be positive.", nameof(options));
        }

        if (options.KeepAliveInterval < TimeSpan.Zero
            || (options.KeepAliveTimeout <= TimeSpan.Zero && options.KeepAliveTimeout != Timeout.InfiniteTimeSpan)
            || (options.ReceiveIdleTimeout <= TimeSpan.Zero && options.ReceiveIdleTimeout != Timeout.InfiniteTimeSpan)
            || options.CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                "ClientOptions.KeepAliveInterval must not be negative; KeepAliveTimeout and ReceiveIdleTimeout must be positive or Timeout.InfiniteTimeSpan; CloseTimeout must be positive.",
                nameof(options));
        }

        if (options.MaxParsedMessageBytes <= 0 || options.MaxReceiveQueueBytes <= 0)
        {
            throw new ArgumentException("ClientOptions.MaxParsedMessageBytes and MaxReceiveQueueBytes must be positive.", nameof(options));
        }

        if (options.MaxResumptionAttempts <= 0 || options.ResumptionRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("ClientOptions.MaxResumptionAttempts must be positive and ResumptionRetryDelay not negative.", nameof(options));
        }

        if (!options.VertexAI)
        {
            if (string.IsNullOrEmpty(options.ApiKey))
            {
                throw new ArgumentException("The Gemini API needs an API key (ClientOptions.ApiKey).", nameof(options));
            }

            return options;
        }

        if (!string.IsNullOrEmpty(options.ApiKey) && !string.IsNullOrEmpty(options.Project))
        {
            throw new ArgumentException(
                "On Vertex AI, a project/location and an API key are exclusive: use the key (express mode) or the project.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.ApiKey) && string.IsNullOrEmpty(options.Project)
            && options.BaseUrl is null && string.IsNullOrWhiteSpace(options.EnvironmentReader("GOOGLE_VERTEX_BASE_URL")))
        {
            throw new ArgumentException(
                "Vertex AI needs a project (ClientOptions.Project), an API key (express mode) or a BaseUrl (a gateway).", nameof(options));
        }

        return options;
    }
}
