using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Live.Serialization;
using Live.Session;
using Live.Wire;

namespace Live;

/// <summary>
/// Creates ephemeral tokens (<see cref="Client.AuthTokens"/>): short-lived credentials a browser uses to open Live
/// sessions directly, while the API key stays on the server. The official SDKs' <c>ai.authTokens.create</c>; Gemini
/// Developer API only, <c>v1alpha</c> (the only version that serves it, unless <see cref="ClientOptions.ApiVersion"/>
/// says otherwise).
/// </summary>
/// <example>
/// <code>
/// AuthToken token = await client.AuthTokens.CreateAsync(new CreateAuthTokenConfig
/// {
///     Uses = 1,
///     ExpireTime = DateTimeOffset.UtcNow.AddMinutes(30),
///     NewSessionExpireTime = DateTimeOffset.UtcNow.AddMinutes(1),
///     LiveConnectConstraints = new LiveConnectConstraints { Model = "gemini-live-2.5-flash-preview", Config = config },
/// });
/// // Send token.Name to the browser (over HTTPS, to an authenticated user); never log it.
/// </code>
/// </example>
public sealed class AuthTokens
{
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static readonly HashSet<string> s_generationFields = new(StringComparer.Ordinal)
    {
        "temperature", "topK", "topP", "maxOutputTokens", "responseModalities", "seed", "speechConfig",
    };

    private readonly ClientOptions _options;

    internal AuthTokens(ClientOptions options)
    {
        _options = options;
    }

    /// <summary>Creates an ephemeral token.</summary>
    /// <param name="config">What the token allows; the service's defaults (one use, 30 minutes) when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token.</returns>
    /// <exception cref="NotSupportedException">The client uses Vertex AI, or its key is itself an ephemeral token.</exception>
    /// <exception cref="ArgumentException">The configuration is invalid (uses not positive, constraints without a model, an invalid setup).</exception>
    /// <exception cref="LiveClientException">The service refused the request (HTTP 4xx, for example an invalid key).</exception>
    /// <exception cref="LiveServerException">The service failed (HTTP 5xx) or could not be reached.</exception>
    public async Task<AuthToken> CreateAsync(CreateAuthTokenConfig? config = null, CancellationToken cancellationToken = default)
    {
        config ??= new CreateAuthTokenConfig();
        if (_options.VertexAI)
        {
            throw new NotSupportedException("Ephemeral tokens are a feature of the Gemini Developer API, not of Vertex AI.");
        }

        if (EndpointBuilder.IsEphemeralToken(_options.ApiKey))
        {
            throw new NotSupportedException("An ephemeral token cannot create tokens: use an API key on the server.");
        }

        AuthTokenRequest body = BuildRequest(config);
        Uri uri = RequestUri();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(body, LiveJsonContext.Create().AuthTokenRequest);
        request.Content = new ByteArrayContent(json);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
        foreach (KeyValuePair<string, string> header in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        HttpResponseMessage response;
        try
        {
            response = await s_http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The message names the host, never the key (which travels in a header).
            throw new LiveServerException($"Could not reach the token service at {UrlRedaction.Redact(uri)}: {ex.Message}", null, null, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LiveServerException("The token request timed out.", null, null, null, ex);
        }

        using (response)
        {
            byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                string message = $"The token request failed with HTTP {status} ({response.StatusCode})" + ErrorDetail(content);
                throw status is >= 400 and < 500
                    ? new LiveClientException(message, null, null, status)
                    : new LiveServerException(message, null, null, status);
            }

            AuthTokenResponse? answer;
            try
            {
                answer = JsonSerializer.Deserialize(content, LiveJsonContext.Create().AuthTokenResponse);
            }
            catch (JsonException ex)
            {
                throw new LiveServerException("The token service answered with invalid JSON.", null, null, status, ex);
            }

            if (string.IsNullOrEmpty(answer?.Name))
            {
                throw new LiveServerException("The token service answered without a token name.", null, null, status);
            }

            return new AuthToken(answer!.Name!, config.ExpireTime, config.NewSessionExpireTime, config.Uses);
        }
    }

    /// <inheritdoc />
    public override string ToString() => "AuthTokens";

    /// <summary>The request body, as the official JavaScript client builds it.</summary>
    internal AuthTokenRequest BuildRequest(CreateAuthTokenConfig config)
    {
        if (config.Uses is <= 0)
        {
            throw new ArgumentException("CreateAuthTokenConfig.Uses must be positive.", nameof(config));
        }

        var request = new AuthTokenRequest
        {
            ExpireTime = Timestamp(config.ExpireTime),
            NewSessionExpireTime = Timestamp(config.NewSessionExpireTime),
            Uses = config.Uses,
        };

        if (config.LiveConnectConstraints is { } constraints)
        {
            if (string.IsNullOrWhiteSpace(constraints.Model))
            {
                throw new ArgumentException("LiveConnectConstraints.Model is required.", nameof(config));
            }

            string model = ModelNames.Normalize(constraints.Model!, vertex: false, project: null, location: null);
            request.BidiGenerateContentSetup = SetupBuilder.Build(model, constraints.Config ?? new LiveConnectConfig(), vertex: false);
        }

        request.FieldMask = FieldMask(request.BidiGenerateContentSetup, config.LockAdditionalFields);
        return request;
    }

    private Uri RequestUri()
    {
        Uri baseUrl = _options.BaseUrl ?? EnvironmentUrl("GOOGLE_GEMINI_BASE_URL") ?? new Uri(EndpointBuilder.GeminiDefaultBaseUrl);
        if (baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback && !_options.AllowInsecureTransport)
        {
            throw new InvalidOperationException(
                $"Refusing unencrypted http:// to {baseUrl.Host}: only the loopback interface may be reached without TLS unless ClientOptions.AllowInsecureTransport is set.");
        }

        string version = string.IsNullOrEmpty(_options.ApiVersion) ? "v1alpha" : _options.ApiVersion!;
        string root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{root}/{version}/auth_tokens");
    }

    private Uri? EnvironmentUrl(string variable) =>
        _options.EnvironmentReader(variable) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : null;

    /// <summary>
    /// The field mask, by the official client's rules: the setup's fields (one level into objects) when
    /// <paramref name="lockAdditional"/> is empty, plus the named fields when it is not, none when it is null. Duplicates
    /// are sent once (the JavaScript client repeats a field named both ways; a mask is a set).
    /// </summary>
    private static string? FieldMask(LiveClientSetup? setup, IList<string>? lockAdditional)
    {
        if (setup is null)
        {
            return lockAdditional is { Count: > 0 } ? string.Join(",", lockAdditional) : null;
        }

        if (lockAdditional is null)
        {
            return null;
        }

        var paths = new List<string>();
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(setup, LiveJsonContext.Create().LiveClientSetup);
        using (JsonDocument document = JsonDocument.Parse(json))
        {
            foreach (JsonProperty field in document.RootElement.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Object && field.Value.EnumerateObject().Any())
                {
                    paths.AddRange(field.Value.EnumerateObject().Select(inner => field.Name + "." + inner.Name));
                }
                else
                {
                    paths.Add(field.Name);
                }
            }
        }

        foreach (string name in lockAdditional)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("CreateAuthTokenConfig.LockAdditionalFields holds an empty name.", nameof(lockAdditional));
            }

            paths.Add(s_generationFields.Contains(name) ? "generationConfig." + name : name);
        }

        List<string> distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join(",", distinct);
    }

    private static string? Timestamp(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The service's error message (<c>{"error": {"message": …}}</c>), shortened; never the request.</summary>
    private static string ErrorDetail(byte[] content)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out JsonElement message)
                && message.ValueKind == JsonValueKind.String)
            {
                string text = message.GetString() ?? string.Empty;
                return ": " + (text.Length > 500 ? text.Substring(0, 500) + "…" : text);
            }
        }
        catch (JsonException)
        {
            // Not JSON: no detail.
        }

        return ".";
    }
}
