using System.Text.Json;
using Live.DependencyInjection;
using Live.Testing;
using Live.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Extensions.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public async Task Session_tools_get_one_scoped_service_per_session_and_call_tools_one_per_call_disposed_after_it()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        foreach (string session in new[] { "a", "b" })
        {
            emulator.Script(s => s
                .ExpectClientContent("go")
                .SendToolCall(session + "1", "session_instance")
                .SendToolCall(session + "2", "session_instance")
                .SendToolCall(session + "3", "call_instance")
                .SendToolCall(session + "4", "call_instance"));
        }

        var services = new ServiceCollection();
        services.AddSingleton<Tracker>();
        services.AddScoped<SessionState>();
        services.AddScoped<CallState>();
        services.AddLiveClient(o =>
            {
                o.ApiKey = emulator.ApiKey;
                o.BaseUrl = emulator.BaseUrl;
            })
            .AddLiveTools<SessionTools>()
            .AddLiveTools<CallTools>(LiveToolLifetime.PerCall);
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var tracker = provider.GetRequiredService<Tracker>();
        var client = provider.GetRequiredService<Client>();
        var toolProvider = provider.GetRequiredService<LiveToolProvider>();

        var outputs = new Dictionary<string, string>();
        var sessionStateIds = new List<int>();
        foreach (string name in new[] { "a", "b" })
        {
            LiveSessionToolSet tools = await toolProvider.CreateSessionToolSetAsync();
            sessionStateIds.Add(tools.Services.GetRequiredService<SessionState>().Id);
            await using (AsyncSession session = await client.Live.ConnectAsync("gemini-live-2.5-flash-preview", new LiveConnectConfig { Tools = [tools.ToTool()] }))
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                Task loop = session.RunWithToolsAsync(tools, cancellationToken: stop.Token);
                await session.SendClientContentAsync("go", turnComplete: true);
                for (int i = 1; i <= 4; i++)
                {
                    EmulatorFrame frame = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponse(name + i));
                    ReceivedFunctionResponse response = frame.ToolResponse(name + i);
                    Assert.False(response.IsError, response.Response.ToString());
                    outputs[name + i] = response.Output.ToString();
                }

                await stop.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
            }

            Assert.DoesNotContain(sessionStateIds[^1], tracker.DisposedIds);
            await tools.DisposeAsync();
            Assert.Contains(sessionStateIds[^1], tracker.DisposedIds);
        }

        // Per session: both calls saw the session's instance; the two sessions saw two instances.
        Assert.Equal(sessionStateIds[0].ToString(), outputs["a1"]);
        Assert.Equal(outputs["a1"], outputs["a2"]);
        Assert.Equal(sessionStateIds[1].ToString(), outputs["b1"]);
        Assert.Equal(outputs["b1"], outputs["b2"]);
        Assert.NotEqual(outputs["a1"], outputs["b1"]);

        // Per call: four calls, four instances, each alive during its call and disposed after it.
        string[] callOutputs = [outputs["a3"], outputs["a4"], outputs["b3"], outputs["b4"]];
        Assert.All(callOutputs, o => Assert.StartsWith("call-", o, StringComparison.Ordinal));
        Assert.Equal(4, callOutputs.Distinct().Count());
        foreach (string output in callOutputs)
        {
            Assert.Contains(int.Parse(output["call-".Length..], System.Globalization.CultureInfo.InvariantCulture), tracker.DisposedIds);
        }
    }

    [Fact]
    public async Task A_call_to_a_tool_whose_services_cannot_be_built_gets_an_error_response_and_the_session_goes_on()
    {
        var services = new ServiceCollection();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<CallTools>(LiveToolLifetime.PerCall);
        services.AddScoped<CallState>(_ => throw new InvalidOperationException("database down"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await using LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();
        FunctionResponse response = await tools.InvokeAsync(new FunctionCall { Id = "1", Name = "call_instance" }, CancellationToken.None);

        Assert.True(response.IsError);
        Assert.Equal("1", response.Id);
        Assert.DoesNotContain("database down", response.Response!.ToJsonString(), StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(response.ToolException);
    }

    [Fact]
    public async Task Two_types_declaring_the_same_function_name_are_refused_when_a_session_is_built()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Tracker>();
        services.AddScoped<SessionState>();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<SessionTools>().AddLiveTools(sp => new SessionTools(sp.GetRequiredService<SessionState>()));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync());
        Assert.Contains("session_instance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_function_gets_the_list_of_known_ones()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Tracker>();
        services.AddScoped<SessionState>();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<SessionTools>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();

        FunctionResponse response = await tools.InvokeAsync(new FunctionCall { Id = "x", Name = "nope", Args = JsonDocument.Parse("{}").RootElement }, CancellationToken.None);

        Assert.True(response.IsError);
        Assert.Contains("session_instance", response.Response!.ToJsonString(), StringComparison.Ordinal);
    }
}
