using Live.Runtime.Tests.Infrastructure;
using Live.Session;
using Microsoft.Extensions.Logging;

namespace Live.Runtime.Tests;

/// <summary>Client, options and session behaviour beyond the vectors: secrets, validation, model names, one reader.</summary>
public class ClientBehaviourTests
{
    private const string Secret = "SECRET-KEY-0123456789";

    [Fact]
    public async Task Key_and_token_never_appear_in_ToString_or_logs()
    {
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

        var transport = new InMemoryTransport();
        ClientOptions options = TestClients.Wire(new ClientOptions { ApiKey = Secret, LoggerFactory = factory }, transport);
        var client = new Client(options);
        AsyncSession session = await client.Live.ConnectAsync(TestClients.GeminiModel);
        await session.SendTextAsync("hello");
        await session.NextAsync();
        await session.CloseAsync();

        var vertexTransport = new InMemoryTransport();
        ClientOptions vertexOptions = TestClients.VertexOptions(vertexTransport);
        vertexOptions.AccessTokenProvider = _ => ValueTask.FromResult(Secret);
        vertexOptions.LoggerFactory = factory;
        await using AsyncSession vertexSession = await new Client(vertexOptions).Live.ConnectAsync(TestClients.VertexModel);

        Assert.Contains(Secret, transport.Endpoint!.Url, StringComparison.Ordinal); // it is on the wire …
        Assert.Equal("Bearer " + Secret, vertexTransport.Endpoint!.Headers["Authorization"]);
        foreach (object shown in new object[] { client, options, client.Live, session, vertexSession, transport.Endpoint, vertexTransport.Endpoint })
        {
            Assert.DoesNotContain(Secret, shown.ToString(), StringComparison.Ordinal); // … but never shown
        }

        Assert.NotEmpty(logs.Messages);
        Assert.Contains(logs.Messages, m => m.Contains("key=***", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("\"text\":\"hello\"", StringComparison.Ordinal)); // payloads at Trace
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_one_reader_at_a_time()
    {
        (AsyncSession session, InMemoryTransport _) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using IAsyncEnumerator<LiveServerMessage> first = session.ReceiveAsync(cts.Token).GetAsyncEnumerator(cts.Token);
            ValueTask<bool> pending = first.MoveNextAsync();
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.NextAsync());
            await session.CloseAsync();
            Assert.False(await pending);
        }
    }

    [Fact]
    public async Task Cancelling_a_receive_loses_no_message()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                {
                    await foreach (LiveServerMessage unused in session.ReceiveAsync(cts.Token))
                    {
                    }
                });
            }

            transport.EnqueueText("""{"serverContent":{"turnComplete":true}}""");
            Assert.True((await session.NextAsync()).ServerContent!.TurnComplete);
        }
    }

    [Fact]
    public async Task Concurrent_sends_are_serialized()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => session.SendAudioAsync(new byte[100 + i]))));
            Assert.Equal(17, transport.SentFrames.Count);
            Assert.All(transport.SentFrames.Skip(1), f => Assert.StartsWith("{\"realtimeInput\":{\"audio\":{\"data\":", f, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(false, "gemini-live-2.5-flash-preview", "models/gemini-live-2.5-flash-preview")]
    [InlineData(false, "models/gemini-live-2.5-flash-preview", "models/gemini-live-2.5-flash-preview")]
    [InlineData(false, "tunedModels/my-model", "tunedModels/my-model")]
    [InlineData(true, "gemini-2.0-flash", "projects/p/locations/l/publishers/google/models/gemini-2.0-flash")]
    [InlineData(true, "meta/llama", "projects/p/locations/l/publishers/meta/models/llama")]
    [InlineData(true, "projects/x/locations/y/publishers/google/models/z", "projects/x/locations/y/publishers/google/models/z")]
    public void Model_names_are_normalised(bool vertex, string model, string expected) =>
        Assert.Equal(expected, ModelNames.Normalize(model, vertex, vertex ? "p" : null, vertex ? "l" : null));

    [Theory]
    [InlineData("../secrets")]
    [InlineData("model?x=1")]
    [InlineData("model&x")]
    [InlineData("")]
    public async Task Bad_model_names_are_refused_before_connecting(string model)
    {
        var transport = new InMemoryTransport();
        var client = new Client(TestClients.GeminiOptions(transport));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Live.ConnectAsync(model));
        Assert.Equal(0, transport.ConnectCount);
    }

    [Fact]
    public void Inconsistent_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Client(new ClientOptions { EnvironmentReader = _ => null }));
        Assert.Throws<ArgumentException>(() => new Client(string.Empty));
        Assert.Throws<ArgumentException>(() => new Client(new ClientOptions { VertexAI = true, EnvironmentReader = _ => null }));
        Assert.Throws<ArgumentException>(() => new Client(new ClientOptions { VertexAI = true, ApiKey = "k", Project = "p" }));
        Assert.Throws<ArgumentException>(() => new Client(new ClientOptions { ApiKey = "k", SetupTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new Client(new ClientOptions { ApiKey = "k", MaxJsonDepth = 0 }));
    }

    [Fact]
    public async Task Options_are_copied_by_the_client()
    {
        var transport = new InMemoryTransport();
        ClientOptions options = TestClients.GeminiOptions(transport);
        var client = new Client(options);
        options.ApiKey = "changed";
        await using AsyncSession session = await client.Live.ConnectAsync(TestClients.GeminiModel);
        Assert.EndsWith("key=TEST_KEY", transport.Endpoint!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_from_environment_can_select_vertex()
    {
        var environment = new Dictionary<string, string>
        {
            ["GOOGLE_GENAI_USE_VERTEXAI"] = "true",
            ["GOOGLE_CLOUD_PROJECT"] = "env-project",
            ["GOOGLE_CLOUD_LOCATION"] = "europe-west4",
            ["GOOGLE_API_KEY"] = "ignored-with-a-project",
        };
        var client = new Client(name => environment.GetValueOrDefault(name));
        Assert.True(client.IsVertexAI);
        Assert.Equal("env-project", client.Options.Project);
        Assert.Null(client.Options.ApiKey);
        Assert.Equal(
            "wss://europe-west4-aiplatform.googleapis.com//ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent",
            EndpointBuilder.BuildUrl(client.Options));
    }

    [Fact]
    public void Content_converts_from_a_string_as_a_user_turn()
    {
        Content content = "Hi";
        Assert.Equal("user", content.Role);
        Assert.Equal("Hi", Assert.Single(content.Parts!).Text);
    }
}
