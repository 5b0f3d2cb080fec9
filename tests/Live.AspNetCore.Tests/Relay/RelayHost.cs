using System.Net.WebSockets;
using Live.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Live.AspNetCore.Tests.Relay;

/// <summary>An ASP.NET Core app on 127.0.0.1 (ephemeral port) with a relay at /live, paired with an embedded emulator.</summary>
internal sealed class RelayHost : IAsyncDisposable
{
    private RelayHost(WebApplication app, LiveEmulator emulator, RelayTools tools)
    {
        App = app;
        Emulator = emulator;
        Tools = tools;
    }

    public WebApplication App { get; }

    public LiveEmulator Emulator { get; }

    public RelayTools Tools { get; }

    public Uri BaseUrl => new(App.Urls.First());

    public Uri RelayUrl => new(App.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/live");

    public static async Task<RelayHost> StartAsync(
        Action<LiveRelayOptions>? configure = null,
        LiveEmulatorOptions? emulatorOptions = null,
        Action<IEndpointConventionBuilder>? conventions = null,
        Action<WebApplication>? beforeRelay = null,
        string? webRoot = null)
    {
        LiveEmulator emulator = await LiveEmulator.StartAsync(emulatorOptions);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { WebRootPath = webRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        beforeRelay?.Invoke(app);
        var tools = new RelayTools();
        IEndpointConventionBuilder endpoint = app.MapLiveRelay("/live", options =>
        {
            options.Model = "gemini-live-2.5-flash-preview";
            options.Client = emulator.CreateClient();
            options.Tools = _ => tools;
            configure?.Invoke(options);
        });
        conventions?.Invoke(endpoint);
        await app.StartAsync();
        return new RelayHost(app, emulator, tools);
    }

    public async Task<PageClient> ConnectPageAsync(string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(RelayUrl, timeout.Token);
        return new PageClient(socket);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
