using Live.Runtime.Tests.Infrastructure;

namespace Live.Runtime.Tests;

/// <summary>The <c>connect_*</c> vectors: URL, handshake auth headers and setup frame, each produced by the matching C# call.</summary>
public class ConnectVectorTests
{
    private const int Port = 5555;

    private static LiveConnectConfig TextOnly => new() { ResponseModalities = [Modality.Text] };

    [Fact]
    public async Task Connect_gemini_default_endpoint()
    {
        // The official JS client 3.1.0 defaults to v1; this client defaults to v1beta (see Connect_gemini_v1beta).
        var transport = new InMemoryTransport();
        var options = TestClients.Wire(new ClientOptions { ApiKey = TestClients.Key, ApiVersion = "v1" }, transport);
        await AssertVectorAsync("connect_gemini_default_endpoint", options, transport, TestClients.GeminiModel, TextOnly);
    }

    [Fact]
    public async Task Connect_gemini_v1beta()
    {
        var transport = new InMemoryTransport();
        var options = TestClients.Wire(new ClientOptions { ApiKey = TestClients.Key }, transport);
        await AssertVectorAsync("connect_gemini_v1beta", options, transport, TestClients.GeminiModel, TextOnly);
    }

    [Theory]
    [InlineData("connect_gemini_base_url_override", "http://127.0.0.1:5555")]
    [InlineData("connect_gemini_base_url_with_path", "http://127.0.0.1:5555/proxy/gemini")]
    [InlineData("connect_gemini_base_url_trailing_slash", "http://127.0.0.1:5555/proxy/gemini/")]
    public async Task Connect_gemini_base_url(string vector, string baseUrl)
    {
        var transport = new InMemoryTransport();
        var options = TestClients.Wire(new ClientOptions { ApiKey = TestClients.Key, ApiVersion = "v1", BaseUrl = new Uri(baseUrl) }, transport);
        await AssertVectorAsync(vector, options, transport, TestClients.GeminiModel, TextOnly);
    }

    [Fact]
    public async Task Connect_gemini_env_vars()
    {
        var environment = new Dictionary<string, string>
        {
            ["GEMINI_API_KEY"] = TestClients.Key,
            ["GOOGLE_GEMINI_BASE_URL"] = $"http://127.0.0.1:{Port}",
        };
        var transport = new InMemoryTransport();
        ClientOptions options = ClientOptions.FromEnvironment(name => environment.GetValueOrDefault(name));
        options.ApiVersion = "v1";
        TestClients.Wire(options, transport, name => environment.GetValueOrDefault(name));
        await AssertVectorAsync("connect_gemini_env_vars", options, transport, TestClients.GeminiModel, TextOnly);
    }

    [Fact]
    public async Task Connect_gemini_env_vars_google_api_key_wins_and_options_base_url_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["GEMINI_API_KEY"] = "gemini-key",
            ["GOOGLE_API_KEY"] = "google-key",
            ["GOOGLE_GEMINI_BASE_URL"] = "http://127.0.0.1:1",
        };
        var client = new Client(name => environment.GetValueOrDefault(name));
        Assert.Equal("google-key", client.Options.ApiKey);

        var transport = new InMemoryTransport();
        ClientOptions options = TestClients.Wire(
            new ClientOptions { ApiKey = TestClients.Key, BaseUrl = new Uri("http://127.0.0.1:2") }, transport, name => environment.GetValueOrDefault(name));
        await using AsyncSession session = await new Client(options).Live.ConnectAsync(TestClients.GeminiModel);
        Assert.StartsWith("ws://127.0.0.1:2//ws/", transport.Endpoint!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_without_any_key_in_the_environment_fails_clearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Client(_ => null));
        Assert.Contains("GOOGLE_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_gemini_ephemeral_token()
    {
        var transport = new InMemoryTransport();
        // ApiVersion left unset: an auth_tokens/… token selects v1alpha.
        var options = TestClients.Wire(new ClientOptions { ApiKey = "auth_tokens/" + TestClients.Key }, transport);
        await AssertVectorAsync("connect_gemini_ephemeral_token", options, transport, TestClients.GeminiModel, TextOnly);
    }

    [Fact]
    public async Task Connect_vertex_project_location()
    {
        var transport = new InMemoryTransport();
        await AssertVectorAsync(
            "connect_vertex_project_location",
            TestClients.VertexOptions(transport),
            transport,
            TestClients.VertexModel,
            new LiveConnectConfig { SystemInstruction = "Be brief." });
    }

    [Fact]
    public async Task Connect_vertex_global()
    {
        var transport = new InMemoryTransport();
        ClientOptions options = TestClients.VertexOptions(transport);
        options.Location = "global";
        await AssertVectorAsync("connect_vertex_global", options, transport, TestClients.VertexModel, TextOnly);
    }

    [Theory]
    [InlineData("us", "wss://aiplatform.us.rep.googleapis.com//ws/")]
    [InlineData("eu", "wss://aiplatform.eu.rep.googleapis.com//ws/")]
    [InlineData(null, "wss://aiplatform.googleapis.com//ws/")]
    public async Task Connect_vertex_location_hosts(string? location, string expectedPrefix)
    {
        var transport = new InMemoryTransport();
        ClientOptions options = TestClients.VertexOptions(transport);
        options.Location = location;
        await using AsyncSession session = await new Client(options).Live.ConnectAsync(TestClients.VertexModel);
        Assert.StartsWith(expectedPrefix, transport.Endpoint!.Url, StringComparison.Ordinal);
        Assert.Contains($"locations/{location ?? "global"}/publishers/google/models/", transport.SentFrames[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_vertex_express_api_key()
    {
        var transport = new InMemoryTransport();
        var options = TestClients.Wire(new ClientOptions { VertexAI = true, ApiKey = TestClients.Key }, transport);
        await AssertVectorAsync("connect_vertex_express_api_key", options, transport, TestClients.VertexModel, TextOnly);
    }

    [Fact]
    public async Task Connect_vertex_custom_base_url_no_auth()
    {
        var transport = new InMemoryTransport();
        var options = TestClients.Wire(new ClientOptions { VertexAI = true, BaseUrl = new Uri($"http://127.0.0.1:{Port}/custom/live") }, transport);
        options.Headers["Authorization"] = "Bearer " + TestClients.Key;
        await AssertVectorAsync("connect_vertex_custom_base_url_no_auth", options, transport, TestClients.VertexModel, TextOnly);
    }

    private static async Task AssertVectorAsync(string name, ClientOptions options, InMemoryTransport transport, string model, LiveConnectConfig config)
    {
        Vector vector = Vector.Load(name);
        await using (AsyncSession session = await new Client(options).Live.ConnectAsync(model, config).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(vector.Url!.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), transport.Endpoint!.Url);
            JsonAssert.Equal(vector.Frame, transport.SentFrames[0]);

            // Auth travels exactly where the official client puts it.
            foreach (string header in new[] { "authorization", "x-goog-api-key" })
            {
                string? expected = vector.HeaderValue(header);
                string? actual = transport.Endpoint.Headers.TryGetValue(header, out string? value) ? value : null;
                Assert.Equal(expected, actual);
            }
        }
    }
}
