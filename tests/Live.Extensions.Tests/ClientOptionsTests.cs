using Live.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Live.Extensions.Tests;

// One class: the environment-variable test changes process state the others must not race with.
public class ClientOptionsTests
{
    [Fact]
    public async Task Options_bound_from_configuration_reach_the_client_and_the_key_is_never_logged()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("hello", turn => turn.Say("hi"));
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Live:ApiKey"] = emulator.ApiKey,
                ["Live:BaseUrl"] = emulator.BaseUrl.ToString(),
                ["Live:SetupTimeout"] = "00:00:07",
                ["Live:MaxJsonDepth"] = "40",
                ["Live:AutomaticResumption"] = "false",
                ["Live:Headers:X-Team"] = "voice",
            })
            .Build();
        var logs = new CapturingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddLiveClient(configuration.GetSection("Live"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        ClientOptions options = provider.GetRequiredService<IOptions<ClientOptions>>().Value;
        Assert.Equal(emulator.ApiKey, options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(7), options.SetupTimeout);
        Assert.Equal(40, options.MaxJsonDepth);
        Assert.False(options.AutomaticResumption);
        Assert.Equal("voice", options.Headers["X-Team"]);
        Assert.Same(logs, options.LoggerFactory);

        Client client = provider.GetRequiredService<Client>();
        await using (AsyncSession session = await client.Live.ConnectAsync("gemini-live-2.5-flash-preview", new LiveConnectConfig { ResponseModalities = [Modality.Text] }))
        {
            await session.SendClientContentAsync("hello", turnComplete: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await foreach (LiveServerMessage message in session.ReceiveAsync(timeout.Token))
            {
                if (message.ServerContent?.TurnComplete == true)
                {
                    break;
                }
            }
        }

        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(emulator.ApiKey, connection.ApiKey);
        Assert.Equal("voice", connection.Headers.Single(h => h.Key.Equals("X-Team", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(emulator.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(emulator.ApiKey, client.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_configuration_value_names_the_key_and_not_the_value()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Live:ApiKey"] = "secret-key-123", ["Live:SetupTimeout"] = "soon" })
            .Build();
        var services = new ServiceCollection();
        services.AddLiveClient(configuration.GetSection("Live"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ClientOptions>>().Value);
        Assert.Contains("Live:SetupTimeout", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("soon", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_comes_from_GEMINI_API_KEY_when_none_is_configured_and_a_missing_key_fails_validation()
    {
        string? google = Environment.GetEnvironmentVariable("GOOGLE_API_KEY");
        string? gemini = Environment.GetEnvironmentVariable("GEMINI_API_KEY");
        try
        {
            Environment.SetEnvironmentVariable("GOOGLE_API_KEY", null);
            Environment.SetEnvironmentVariable("GEMINI_API_KEY", null);
            var empty = new ServiceCollection();
            empty.AddLiveClient();
            using (ServiceProvider provider = empty.BuildServiceProvider())
            {
                var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClientOptions>>().Value);
                Assert.Contains("GEMINI_API_KEY", error.Message, StringComparison.Ordinal);
            }

            Environment.SetEnvironmentVariable("GEMINI_API_KEY", "from-environment");
            var services = new ServiceCollection();
            services.AddLiveClient(o => o.SetupTimeout = TimeSpan.FromSeconds(3));
            using (ServiceProvider provider = services.BuildServiceProvider())
            {
                ClientOptions options = provider.GetRequiredService<IOptions<ClientOptions>>().Value;
                Assert.Equal("from-environment", options.ApiKey);
                Assert.Equal(TimeSpan.FromSeconds(3), options.SetupTimeout);
                Assert.NotNull(provider.GetRequiredService<Client>());
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("GOOGLE_API_KEY", google);
            Environment.SetEnvironmentVariable("GEMINI_API_KEY", gemini);
        }
    }
}
