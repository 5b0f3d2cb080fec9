using System.Text.Json.Nodes;

namespace Live.Sessions.Tests;

/// <summary>
/// Our <c>auth_tokens</c> request against what the official JavaScript client sent for the same call
/// (<c>Vectors/auth_tokens_*.json</c>, captured by <c>Capture/capture-auth-tokens.js</c>): method, path, query,
/// headers (minus the SDK's telemetry and the transport's own), body as JSON.
/// </summary>
public class AuthTokenWireTests
{
    private const string Key = "TEST_KEY";

    /// <summary>Headers that identify the client or the HTTP stack, not the request: they differ between any two clients.</summary>
    private static readonly HashSet<string> s_transportHeaders =
        ["accept", "accept-encoding", "accept-language", "connection", "content-length", "host", "sec-fetch-mode", "user-agent", "x-goog-api-client", "traceparent"];

    public static TheoryData<string> Scenarios() =>
        ["auth_tokens_minimal", "auth_tokens_uses_and_expiry", "auth_tokens_locked_config", "auth_tokens_lock_set_fields", "auth_tokens_lock_additional_fields"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_request_equals_the_official_clients(string scenario)
    {
        JsonNode vector = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", scenario + ".json")))!;
        JsonNode expected = vector["request"]!;

        await using RecordingHttpServer server = await RecordingHttpServer.StartAsync();
        var client = new Client(new ClientOptions { ApiKey = Key, BaseUrl = server.BaseUrl });
        AuthToken token = await client.AuthTokens.CreateAsync(Config(scenario));

        Assert.Equal("auth_tokens/test-token-123", token.Name);
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal((string?)expected["method"], request.Method);
        Assert.Equal((string?)expected["path"], request.Path);
        Assert.Equal(expected["query"]!.AsObject().Select(p => p.Key).Order(), request.Query.Keys.Order());

        // Headers: the same request headers (the key in x-goog-api-key, nowhere else), same content type.
        Dictionary<string, string> ours = request.Headers.Where(h => !s_transportHeaders.Contains(h.Key)).ToDictionary();
        Dictionary<string, string> theirs = expected["headers"]!.AsObject().Where(h => !s_transportHeaders.Contains(h.Key)).ToDictionary(h => h.Key, h => (string)h.Value!);
        Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
        Assert.Equal(theirs["content-type"], ours["content-type"]);
        Assert.Equal(theirs["x-goog-api-key"], ours["x-goog-api-key"]);
        Assert.DoesNotContain(Key, request.Path + string.Join("&", request.Query.Values), StringComparison.Ordinal);

        // Body: equal as JSON; the field mask as a set of paths (the official client can list a path twice).
        JsonObject expectedBody = expected["body"]!.AsObject().DeepClone().AsObject();
        JsonObject actualBody = JsonNode.Parse(request.Body)!.AsObject();
        string[] expectedMask = TakeMask(expectedBody);
        string[] actualMask = TakeMask(actualBody);
        Assert.Equal(expectedMask.Distinct().Order(), actualMask.Order());
        Assert.Equal(actualMask.Length, actualMask.Distinct().Count());
        Assert.True(JsonNode.DeepEquals(expectedBody, actualBody), $"expected {expectedBody.ToJsonString()}\nactual   {actualBody.ToJsonString()}");
    }

    [Fact]
    public async Task A_refusal_is_a_typed_error_that_never_shows_the_key()
    {
        await using RecordingHttpServer server = await RecordingHttpServer.StartAsync();
        server.Status = 400;
        server.ResponseBody = """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}""";
        const string secret = "AIzaSy-secret-key-123";
        var client = new Client(new ClientOptions { ApiKey = secret, BaseUrl = server.BaseUrl });

        LiveClientException error = await Assert.ThrowsAsync<LiveClientException>(() => client.AuthTokens.CreateAsync());
        Assert.Equal(400, error.HttpStatusCode);
        Assert.Contains("API key not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);

        server.Status = 503;
        server.ResponseBody = "unavailable";
        LiveServerException failure = await Assert.ThrowsAsync<LiveServerException>(() => client.AuthTokens.CreateAsync());
        Assert.Equal(503, failure.HttpStatusCode);
        Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_not_shown_by_ToString()
    {
        await using RecordingHttpServer server = await RecordingHttpServer.StartAsync();
        var client = new Client(new ClientOptions { ApiKey = Key, BaseUrl = server.BaseUrl });
        AuthToken token = await client.AuthTokens.CreateAsync(new CreateAuthTokenConfig { ExpireTime = new DateTimeOffset(2030, 1, 1, 0, 30, 0, TimeSpan.Zero) });

        Assert.DoesNotContain("test-token-123", token.ToString(), StringComparison.Ordinal);
        Assert.Contains("2030-01-01 00:30:00Z", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_requests_fail_before_anything_is_sent()
    {
        await using RecordingHttpServer server = await RecordingHttpServer.StartAsync();
        var client = new Client(new ClientOptions { ApiKey = Key, BaseUrl = server.BaseUrl });

        await Assert.ThrowsAsync<ArgumentException>(() => client.AuthTokens.CreateAsync(new CreateAuthTokenConfig { Uses = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.AuthTokens.CreateAsync(new CreateAuthTokenConfig { LiveConnectConstraints = new LiveConnectConstraints() }));
        await Assert.ThrowsAsync<NotSupportedException>(() => new Client("auth_tokens/abc").AuthTokens.CreateAsync());
        await Assert.ThrowsAsync<NotSupportedException>(() => new Client(new ClientOptions { VertexAI = true, Project = "p", Location = "us-central1" }).AuthTokens.CreateAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => new Client(new ClientOptions { ApiKey = Key, BaseUrl = new Uri("http://example.com/") }).AuthTokens.CreateAsync());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_minted_token_opens_a_session_on_the_constrained_v1alpha_endpoint_without_the_key()
    {
        // The server mints the token with its key; the other side connects with the token alone.
        await using RecordingHttpServer tokenService = await RecordingHttpServer.StartAsync();
        AuthToken token = await new Client(new ClientOptions { ApiKey = Key, BaseUrl = tokenService.BaseUrl })
            .AuthTokens.CreateAsync(new CreateAuthTokenConfig { Uses = 1, LiveConnectConstraints = new LiveConnectConstraints { Model = "gemini-live-2.5-flash-preview" } });

        await using Live.Testing.LiveEmulator emulator = await Live.Testing.LiveEmulator.StartAsync(new Live.Testing.LiveEmulatorOptions { ApiKey = token.Name });
        var browserSide = new Client(new ClientOptions { ApiKey = token.Name, BaseUrl = emulator.BaseUrl });
        await using (AsyncSession session = await browserSide.Live.ConnectAsync("gemini-live-2.5-flash-preview"))
        {
            Assert.False(session.IsClosed);
        }

        Live.Testing.EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal("BidiGenerateContentConstrained", connection.Method);
        Assert.Equal("v1alpha", connection.ApiVersion);
        Assert.Contains("access_token=auth_tokens/test-token-123", connection.QueryString, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, connection.QueryString, StringComparison.Ordinal);
    }

    private static string[] TakeMask(JsonObject body)
    {
        string? mask = (string?)body["fieldMask"];
        body.Remove("fieldMask");
        return mask is null ? [] : mask.Split(',');
    }

    /// <summary>The C# form of each vector's <c>call.config</c>.</summary>
    private static CreateAuthTokenConfig Config(string scenario)
    {
        var expire = new DateTimeOffset(2030, 1, 1, 0, 30, 0, TimeSpan.Zero);
        var newSession = new DateTimeOffset(2030, 1, 1, 0, 1, 0, TimeSpan.Zero);
        return scenario switch
        {
            "auth_tokens_minimal" => new CreateAuthTokenConfig(),
            "auth_tokens_uses_and_expiry" => new CreateAuthTokenConfig { Uses = 2, ExpireTime = expire, NewSessionExpireTime = newSession },
            "auth_tokens_locked_config" => new CreateAuthTokenConfig
            {
                Uses = 1,
                ExpireTime = expire,
                NewSessionExpireTime = newSession,
                LiveConnectConstraints = new LiveConnectConstraints
                {
                    Model = "gemini-live-2.5-flash-preview",
                    Config = new LiveConnectConfig
                    {
                        ResponseModalities = [Modality.Audio],
                        SystemInstruction = "Always answer in English.",
                        Temperature = 0.7,
                        SessionResumption = new SessionResumptionConfig(),
                        SpeechConfig = new SpeechConfig { VoiceConfig = new VoiceConfig { PrebuiltVoiceConfig = new PrebuiltVoiceConfig { VoiceName = "Kore" } } },
                        Tools =
                        [
                            Tool.FromFunctions(new FunctionDeclaration
                            {
                                Name = "get_weather",
                                Description = "Weather of a city.",
                                Parameters = new Schema
                                {
                                    Type = SchemaType.Object,
                                    Properties = new Dictionary<string, Schema> { ["city"] = new() { Type = SchemaType.String } },
                                    Required = ["city"],
                                },
                            }),
                        ],
                        OutputAudioTranscription = new AudioTranscriptionConfig(),
                    },
                },
            },
            "auth_tokens_lock_set_fields" => new CreateAuthTokenConfig
            {
                Uses = 1,
                ExpireTime = expire,
                LiveConnectConstraints = new LiveConnectConstraints
                {
                    Model = "gemini-live-2.5-flash-preview",
                    Config = new LiveConnectConfig { ResponseModalities = [Modality.Audio], SystemInstruction = "Be brief." },
                },
                LockAdditionalFields = [],
            },
            "auth_tokens_lock_additional_fields" => new CreateAuthTokenConfig
            {
                Uses = 1,
                ExpireTime = expire,
                LiveConnectConstraints = new LiveConnectConstraints
                {
                    Model = "gemini-live-2.5-flash-preview",
                    Config = new LiveConnectConfig { ResponseModalities = [Modality.Audio], Temperature = 0.2 },
                },
                LockAdditionalFields = ["temperature", "topK", "systemInstruction"],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
    }
}
