using Live.Session;

namespace Live.Runtime.Tests;

/// <summary>Endpoint rules beyond the connect vectors.</summary>
public class EndpointTests
{
    [Fact]
    public void Vertex_gateway_from_the_environment_is_used_as_it_is()
    {
        var options = new ClientOptions
        {
            VertexAI = true,
            EnvironmentReader = name => name == "GOOGLE_VERTEX_BASE_URL" ? "https://gateway.example.com/live" : null,
        };
        var client = new Client(options);
        Assert.Equal("wss://gateway.example.com/live", EndpointBuilder.BuildUrl(client.Options));
    }

    [Fact]
    public void Gemini_api_version_defaults_and_overrides()
    {
        Assert.Contains(".v1beta.", EndpointBuilder.BuildUrl(new ClientOptions { ApiKey = "k", EnvironmentReader = _ => null }), StringComparison.Ordinal);
        Assert.Contains(".v1alpha.", EndpointBuilder.BuildUrl(new ClientOptions { ApiKey = "k", ApiVersion = "v1alpha", EnvironmentReader = _ => null }), StringComparison.Ordinal);
        Assert.Contains(".v1beta1.", EndpointBuilder.BuildUrl(new ClientOptions { VertexAI = true, ApiKey = "k", EnvironmentReader = _ => null }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_transport_can_be_allowed_explicitly()
    {
        var options = new ClientOptions { ApiKey = "k", BaseUrl = new Uri("http://proxy.internal:8080"), AllowInsecureTransport = true, EnvironmentReader = _ => null };
        LiveEndpoint endpoint = await EndpointBuilder.BuildAsync(options, CancellationToken.None);
        Assert.StartsWith("ws://proxy.internal:8080//ws/", endpoint.Url, StringComparison.Ordinal);
        Assert.Equal("ws://proxy.internal:8080//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=***", endpoint.RedactedUrl);
    }

    [Fact]
    public async Task Vertex_without_a_token_provider_sends_no_authorization_of_its_own()
    {
        var options = new ClientOptions { VertexAI = true, Project = "p", Location = "us-central1", EnvironmentReader = _ => null };
        LiveEndpoint endpoint = await EndpointBuilder.BuildAsync(options, CancellationToken.None);
        Assert.False(endpoint.Headers.ContainsKey("Authorization"));

        options.AccessTokenProvider = _ => ValueTask.FromResult(string.Empty);
        await Assert.ThrowsAsync<InvalidOperationException>(() => EndpointBuilder.BuildAsync(options, CancellationToken.None).AsTask());
    }
}
